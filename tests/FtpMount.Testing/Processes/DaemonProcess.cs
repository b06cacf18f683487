using System.Diagnostics;
using FtpMount.Testing.Daemons;
using FtpMount.Testing.Native;

namespace FtpMount.Testing.Processes;

/// <summary>
/// One running daemon, started in the foreground as a child of the test process, or as init of its own
/// PID namespace under <c>unshare</c> (see <see cref="PidNamespace"/>). Its stdout and stderr are drained
/// into an <see cref="OutputBuffer"/> (a full pipe would block the daemon); stdin is an empty pipe.
/// </summary>
internal sealed class DaemonProcess : IDisposable
{
    private readonly Process _process;
    private readonly OutputBuffer _output = new();
    private readonly Task _pumps;

    private DaemonProcess(Process process, bool inPidNamespace)
    {
        _process = process;
        InPidNamespace = inPidNamespace;
        Id = process.Id;
        _process.StandardInput.Close();
        _pumps = Task.WhenAll(
            PumpAsync(process.StandardOutput, _output),
            PumpAsync(process.StandardError, _output));
    }

    /// <summary>The pid of the process started: unshare in a namespace (init, then the daemon, below it), else the daemon itself.</summary>
    internal int Id { get; }

    internal bool InPidNamespace { get; }

    internal bool HasExited => _process.HasExited;

    internal string ExitDescription =>
        _process.HasExited ? $"exited with code {_process.ExitCode}" : "is still running";

    /// <summary>
    /// What the daemon wrote. util-linux 2.38's unshare adds "sigprocmask unblock failed" when its child is
    /// killed; that line says nothing about the daemon and is left out.
    /// </summary>
    internal string Output => string.Join(
        '\n',
        _output.ToString().Split('\n').Where(line => !line.StartsWith("unshare: sigprocmask", StringComparison.Ordinal)));

    internal static DaemonProcess Start(DaemonCommand command, string workingDirectory, bool inPidNamespace)
    {
        var startInfo = new ProcessStartInfo(inPidNamespace ? PidNamespace.Unshare : command.FileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        IEnumerable<string> arguments = inPidNamespace
            ? PidNamespace.WrapArguments(command.FileName, command.Arguments)
            : command.Arguments;
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach ((string name, string? value) in command.Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        Process process = Process.Start(startInfo)
            ?? throw new FtpTestServerException($"Could not start {command.CommandLine}.");
        return new DaemonProcess(process, inPidNamespace);
    }

    /// <summary>
    /// The daemon's session processes: everything below the daemon itself, zombies included. In a namespace that
    /// is everything below the reaping init except the daemon (its first child), so sessions re-parented to
    /// the init still count.
    /// </summary>
    internal List<int> SessionProcessIds(ProcessTable table)
    {
        if (!InPidNamespace)
        {
            return table.DescendantsOf(Id);
        }

        var sessions = new List<int>();
        foreach (int init in table.ChildrenOf(Id))
        {
            List<int> below = table.DescendantsOf(init);
            int? daemon = FirstStarted(table.ChildrenOf(init));
            sessions.AddRange(below.Where(pid => pid != daemon));
        }

        return sessions;
    }

    private static int? FirstStarted(List<int> processIds)
    {
        int? first = null;
        ulong firstStart = ulong.MaxValue;
        foreach (int pid in processIds)
        {
            ulong start = ProcessTable.ReadStartTime(pid) ?? ulong.MaxValue;
            if (first is null || start < firstStart || (start == firstStart && pid < first))
            {
                first = pid;
                firstStart = start;
            }
        }

        return first;
    }

    /// <summary>
    /// In a PID namespace, SIGKILLs the namespace's init (the reaping shell): the kernel then kills and reaps the
    /// daemon and every session, and unshare reaps the init and exits. Returns false when there is no namespace to end.
    /// </summary>
    internal bool KillNamespace()
    {
        if (!InPidNamespace || _process.HasExited)
        {
            return false;
        }

        List<int> inits = ProcessTable.Capture().ChildrenOf(Id);
        if (inits.Count == 0)
        {
            // unshare has not forked yet; with --kill-child its death takes the child along.
            _ = LibC.kill(Id, LibC.SIGKILL);
        }

        foreach (int init in inits)
        {
            _ = LibC.kill(init, LibC.SIGKILL);
        }

        return true;
    }

    /// <summary>Waits for the (already killed) daemon to be reaped and its output to be read, up to a deadline.</summary>
    internal async Task WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            await _pumps.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A descendant that escaped the kill could hold the pipes open; the caller checks for survivors.
        }
    }

    public void Dispose() => _process.Dispose();

    private static async Task PumpAsync(StreamReader reader, OutputBuffer output)
    {
        char[] buffer = new char[4096];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                output.Append(buffer.AsSpan(0, read));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe closed under us while the daemon was being killed.
        }
    }
}
