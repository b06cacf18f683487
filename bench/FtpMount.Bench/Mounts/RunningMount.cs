using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using FtpMount.Bench.Processes;

namespace FtpMount.Bench.Mounts;

/// <summary>
/// A mount process running in the foreground. Disposing unmounts it whatever happened before: fusermount3 -u,
/// then a wait for the process, then SIGKILL and a lazy unmount if it does not go. Its pid is also written to a
/// folder that bench/run.sh sweeps if this program itself dies.
/// </summary>
internal sealed class RunningMount : IAsyncDisposable
{
    private static readonly TimeSpan UnmountDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(30);
    private const int KeptLines = 60;

    private readonly Process _process;
    private readonly string _pidFile;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly StreamWriter _log;
    private readonly string? _helperMarker;
    private bool _logClosed;
    private int _disposed;

    private RunningMount(string name, Process process, string mountPoint, string pidFile, string logFile, string? helperMarker)
    {
        _helperMarker = helperMarker;
        _log = new StreamWriter(logFile, append: false) { AutoFlush = true };
        Name = name;
        _process = process;
        MountPoint = mountPoint;
        _pidFile = pidFile;
    }

    public string Name { get; }

    public string MountPoint { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the process; everything it prints goes to <paramref name="logFile"/>, the last lines also to errors.</summary>
    /// <param name="helperMarker">Text only the command lines of the mount's helper processes contain, or null.</param>
    public static RunningMount Start(
        string name, ProcessStartInfo start, string mountPoint, string pidDirectory, string logFile, string? helperMarker = null)
    {
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = new Process { StartInfo = start };
        process.Start();
        Directory.CreateDirectory(pidDirectory);
        var pidFile = Path.Combine(pidDirectory, process.Id.ToString(CultureInfo.InvariantCulture));
        File.WriteAllText(pidFile, mountPoint);
        var mount = new RunningMount(name, process, mountPoint, pidFile, logFile, helperMarker);
        process.OutputDataReceived += (_, e) => mount.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => mount.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return mount;
    }

    /// <summary>
    /// VmHWM: the most resident memory the process has had since it started, in KiB, plus that of each helper
    /// process whose command line names <see cref="Start"/>'s helper marker (sshfs's ssh, which does the cipher;
    /// ftpmount and rclone have none).
    /// </summary>
    public long PeakResidentKiB()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException(
                $"{Name} exited with {_process.ExitCode} before its peak memory could be read: {RecentOutput()}");
        }

        var own = ReadPeakResidentKiB(_process.Id) ?? throw new InvalidOperationException($"/proc/{_process.Id}/status has no VmHWM line.");
        return own + HelperProcesses().Sum(pid => ReadPeakResidentKiB(pid) ?? 0);
    }

    /// <summary>CPU time the process and its helpers (as for <see cref="PeakResidentKiB"/>) have used so far.</summary>
    public TimeSpan CpuTime()
    {
        var own = ProcessCpu.Read(_process.Id) ?? throw new InvalidOperationException(
            $"{Name} exited before its CPU time could be read: {RecentOutput()}");
        return HelperProcesses().Aggregate(own, (sum, pid) => sum + (ProcessCpu.Read(pid) ?? TimeSpan.Zero));
    }

    /// <summary>The mount's helper processes (<see cref="Start"/>'s helper marker); none for most tools.</summary>
    private IEnumerable<int> HelperProcesses() =>
        _helperMarker is null ? [] : ProcessesNaming(_helperMarker).Where(pid => pid != _process.Id);

    private static long? ReadPeakResidentKiB(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var number = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return long.Parse(number, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // The process ended meanwhile.
        }

        return null;
    }

    /// <summary>The processes whose command line contains <paramref name="marker"/>.</summary>
    private static List<int> ProcessesNaming(string marker)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Contains(marker, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone between the listing and the read.
            }
        }

        return found;
    }

    public string RecentOutput() => _output.IsEmpty ? "(no output)" : string.Join(" | ", _output);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!_process.HasExited && MountTable.IsMounted(MountPoint))
            {
                var result = await CommandRunner.RunAsync("fusermount3", ["-u", MountPoint], UnmountDeadline, CancellationToken.None)
                    .ConfigureAwait(false);
                if (!result.Succeeded)
                {
                    Console.Error.WriteLine($"  note: fusermount3 -u {MountPoint} failed ({CommandRunner.Tail(result.StandardError, 300)}); detaching lazily");
                }
            }

            using var wait = new CancellationTokenSource(ExitDeadline);
            try
            {
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine($"  note: {Name} (pid {_process.Id}) did not exit within {ExitDeadline.TotalSeconds:0} s of unmount; killing it");
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is CommandFailedException or InvalidOperationException or IOException)
        {
            Console.Error.WriteLine($"  note: cleaning up {Name} on {MountPoint}: {e.Message}");
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            if (MountTable.IsMounted(MountPoint))
            {
                await CommandRunner.RunAsync("fusermount3", ["-u", "-z", MountPoint], UnmountDeadline, CancellationToken.None)
                    .ConfigureAwait(false);
            }

            File.Delete(_pidFile);
            _process.Dispose();
            lock (_log)
            {
                _logClosed = true;
                _log.Dispose();
            }
        }
    }

    private void Keep(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        lock (_log)
        {
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }
        }

        _output.Enqueue(line);
        while (_output.Count > KeptLines && _output.TryDequeue(out _))
        {
        }
    }
}
