using System.Diagnostics;
using System.Globalization;
using System.Text;
using FtpMount.Cli.Tests.Hosting;
using FtpMount.Testing.Processes;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>
/// The ftpmount process that serves one mount: either a foreground <c>ftpmount -f</c> this test started and keeps
/// as its child (its log is captured), or the background process a plain <c>ftpmount</c> left behind.
/// </summary>
internal sealed class MountProcess : IDisposable
{
    private const int MaxLogChars = 200_000;

    private readonly Process _process;
    private readonly bool _isChild;
    private readonly StringBuilder _log = new();
    private readonly Task _drain;

    private MountProcess(Process process, bool isChild, string startLog)
    {
        _process = process;
        _isChild = isChild;
        _log.Append(startLog);
        _drain = isChild ? Task.WhenAll(DrainAsync(process.StandardOutput), DrainAsync(process.StandardError)) : Task.CompletedTask;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Exit code; only known for a foreground process (a background one is not our child).</summary>
    public int? ExitCode => _isChild && _process.HasExited ? _process.ExitCode : null;

    /// <summary>What the process wrote so far (stdout and stderr interleaved by line), for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts <c>ftpmount SOURCE MOUNTPOINT -f [-o OPTIONS]</c>; its output is read continuously so it never blocks on a full pipe.</summary>
    public static MountProcess StartForeground(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment) =>
        new(FtpmountBinary.Start([.. arguments, "-f"], environment), isChild: true, string.Empty);

    /// <summary>
    /// Runs a plain <c>ftpmount SOURCE MOUNTPOINT</c>, which returns once its background process reports the mount ready,
    /// and finds that background process: the one whose command line names the mount point and ends in -f.
    /// Null, with what the starter said, when it failed.
    /// </summary>
    public static async Task<(MountProcess? Process, string StarterLog)> StartBackgroundAsync(
        IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string mountPoint, TimeSpan deadline)
    {
        var (exitCode, output, error) = await FtpmountBinary.RunAsync(arguments, environment, deadline, TestContext.Current.CancellationToken);
        var starterLog = $"[starter exited {exitCode}]\n{output}{error}";
        var daemon = FindBackgroundProcess(mountPoint);
        return (daemon is null ? null : new MountProcess(daemon, isChild: false, starterLog), starterLog);
    }

    /// <summary>True when the process ended within <paramref name="deadline"/>.</summary>
    public Task<bool> WaitForExitAsync(TimeSpan deadline) => DeadlineProcess.WaitForExitAsync(_process, _drain, deadline);

    /// <summary>SIGTERM, as systemd or kill(1) would send it.</summary>
    public Task<ProgramResult> TerminateAsync() =>
        ExternalProgram.RunAsync("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)], cancel: CancellationToken.None);

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose() => _process.Dispose();

    /// <summary>The pid of the background ftpmount serving <paramref name="mountPoint"/>; fails the test when there is none.</summary>
    public static int FindServing(string mountPoint)
    {
        using var process = FindBackgroundProcess(mountPoint)
            ?? throw new InvalidOperationException($"No ftpmount process serves {mountPoint}.");
        return process.Id;
    }

    /// <summary>Whether a process runs (a zombie left for a reaper that never comes counts as ended).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            // "pid (comm) S ...": the state follows the last ')', as comm may contain anything.
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static Process? FindBackgroundProcess(string mountPoint)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            if (FtpmountBinary.ProcStrings(pid, "cmdline") is { Length: > 0 } cmdline
                && cmdline[^1] == "-f"
                && cmdline.Contains(mountPoint)
                && cmdline.Any(argument => argument.EndsWith("ftpmount.dll", StringComparison.Ordinal)))
            {
                try
                {
                    return Process.GetProcessById(pid);
                }
                catch (ArgumentException)
                {
                    return null;
                }
            }
        }

        return null;
    }

    private async Task DrainAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
        {
            lock (_log)
            {
                if (_log.Length < MaxLogChars)
                {
                    _log.AppendLine(line);
                }
            }
        }
    }
}
