using System.Diagnostics;
using FtpMount.Testing.Daemons;
using FtpMount.Testing.Native;

namespace FtpMount.Testing.Processes;

/// <summary>
/// One running daemon, started in the foreground as a child of the test process, or in its own PID
/// namespace under <c>unshare</c> and a minimal init (see <see cref="PidNamespace"/>). Its stdout and
/// stderr are drained into an <see cref="OutputBuffer"/> (a full pipe would block the daemon); stdin is
/// empty (a closed pipe, or /dev/null for a daemon the init shell starts in the background).
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

    /// <summary>The pid of the process started: unshare in a namespace, else the daemon itself.</summary>
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
    /// The daemon's session processes, zombies included: everything below the daemon, and in a namespace
    /// also sessions orphaned to its init (everything there but the init and the daemon).
    /// </summary>
    internal List<int> SessionProcessIds(ProcessTable table)
    {
        if (!InPidNamespace)
        {
            return table.DescendantsOf(Id);
        }

        List<int> inits = table.ChildrenOf(Id);
        return
        [
            .. inits.SelectMany(table.DescendantsOf)
                .Where(pid => ProcessTable.ReadNamespacePid(pid) != PidNamespace.DaemonPid),
        ];
    }

    /// <summary>
    /// In a PID namespace, SIGKILLs the namespace's init: the kernel then kills and reaps the daemon and every
    /// session, and unshare reaps the init and exits. Returns false when there is no namespace to end.
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
        // A descendant that escaped the kill could hold the pipes open past the deadline; the caller checks for survivors.
        _ = await DeadlineProcess.WaitForExitAsync(_process, _pumps, deadline).ConfigureAwait(false);
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
