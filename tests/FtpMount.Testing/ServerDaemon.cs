using System.Diagnostics;
using System.Text;
using FtpMount.Testing.Daemons;
using FtpMount.Testing.Processes;

namespace FtpMount.Testing;

/// <summary>
/// The daemon process behind one <see cref="FtpTestServer"/>: starts it (in its own PID namespace where
/// allowed), waits for its 220 greeting, and kills it with all of its sessions. Not thread-safe: the
/// server serialises calls.
/// </summary>
internal sealed class ServerDaemon
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ProbeRetryDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan SessionDrainDeadline = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReapDeadline = TimeSpan.FromSeconds(5);

    private readonly ServerSetup _setup;
    private readonly DaemonCommand _command;
    private readonly string? _implicitTlsSha256;
    private DaemonProcess? _process;

    internal ServerDaemon(ServerSetup setup, DaemonCommand command, string? implicitTlsSha256)
    {
        _setup = setup;
        _command = command;
        _implicitTlsSha256 = implicitTlsSha256;
    }

    internal bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts the daemon and waits for its greeting; on failure stops it and throws with its output.</summary>
    internal async Task StartAsync(TimeSpan deadline, CancellationToken ct)
    {
        bool inPidNamespace = await PidNamespace.IsUsableAsync().ConfigureAwait(false);
        DaemonProcess process = DaemonProcess.Start(_command, _setup.Layout.RunDirectory, inPidNamespace);
        _process = process;
        try
        {
            string? problem = await WaitForGreetingAsync(process, deadline, ct).ConfigureAwait(false);
            if (problem is not null)
            {
                string output = await StopAsync().ConfigureAwait(false);
                string wrapper = process.InPidNamespace
                    ? $"{PidNamespace.Unshare} --pid --fork --kill-child -- /bin/sh -c '\"$@\" & wait $!' {PidNamespace.InitName} "
                    : string.Empty;
                throw new FtpTestServerException(
                    $"{_setup.Kind} test server on {_setup.Host}:{_setup.Port} {problem}.\n"
                    + $"Command: {wrapper}{_command.CommandLine}\n"
                    + DescribeOutput(output));
            }
        }
        catch (OperationCanceledException)
        {
            await StopAsync().ConfigureAwait(false);
            throw;
        }

        await WaitForSessionsToEndAsync(process).ConfigureAwait(false);
    }

    /// <summary>Kills the daemon with all its sessions and returns what it wrote to stdout and stderr.</summary>
    internal async Task<string> StopAsync()
    {
        DaemonProcess? process = _process;
        _process = null;
        try
        {
            if (process is not null && process.KillNamespace())
            {
                await process.WaitForExitAsync(ReapDeadline).ConfigureAwait(false);
            }

            // Without a namespace this does the work; with one it only catches what escaped it (nothing, so far).
            await ProcessTreeKiller.KillAsync(process?.Id, _setup.Layout.BaseDirectory).ConfigureAwait(false);
            if (process is null)
            {
                return string.Empty;
            }

            await process.WaitForExitAsync(ReapDeadline).ConfigureAwait(false);
            return process.Output;
        }
        finally
        {
            process?.Dispose();
        }
    }

    internal IReadOnlyList<int> GetProcessIds()
    {
        if (_process is not { } process)
        {
            return [];
        }

        ProcessTable table = ProcessTable.Capture();
        return table.IsAlive(process.Id)
            ? [process.Id, .. table.DescendantsOf(process.Id).Where(table.IsAlive)]
            : [];
    }

    internal string ReadLog() => DescribeOutput(_process?.Output ?? string.Empty);

    /// <summary>Returns null once a 220 greeting arrived, or why the daemon is not serving.</summary>
    private async Task<string?> WaitForGreetingAsync(DaemonProcess process, TimeSpan deadline, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        string lastAttempt = "nothing answered";
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                return $"{process.ExitDescription} before sending a 220 greeting";
            }

            TimeSpan remaining = deadline - clock.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                return $"sent no 220 greeting within {deadline.TotalSeconds} s (last attempt: {lastAttempt})";
            }

            GreetingProbe.Result result = await GreetingProbe.TryAsync(
                _setup.Host,
                _setup.Port,
                _implicitTlsSha256,
                remaining < ProbeTimeout ? remaining : ProbeTimeout,
                ct).ConfigureAwait(false);
            switch (result.Outcome)
            {
                case GreetingProbe.Outcome.Ready:
                    return null;
                case GreetingProbe.Outcome.Rejected:
                    return $"greeted with \"{result.Detail}\" instead of 220";
                default:
                    lastAttempt = result.Detail;
                    await Task.Delay(ProbeRetryDelay, ct).ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <summary>
    /// Waits until the probe's session processes are gone, so the probe never counts against a test's
    /// per-IP limit. pyftpdlib serves in one process and has none.
    /// </summary>
    private static async Task WaitForSessionsToEndAsync(DaemonProcess process)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < SessionDrainDeadline)
        {
            // Zombies count too: until the daemon has reaped a session, pure-ftpd and vsftpd still count it.
            if (process.SessionProcessIds(ProcessTable.Capture()).Count == 0)
            {
                return;
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    private string DescribeOutput(string output)
    {
        var text = new StringBuilder();
        text.Append("Daemon stdout/stderr:\n").Append(string.IsNullOrWhiteSpace(output) ? "(none)\n" : output);
        foreach (string logFile in _command.LogFiles)
        {
            text.Append("\n--- ").Append(logFile).Append(" ---\n");
            text.Append(File.Exists(logFile) ? Tail(File.ReadAllText(logFile)) : "(not written)\n");
        }

        return text.ToString();

        static string Tail(string log) => log.Length <= 16_384 ? log : "...\n" + log[^16_384..];
    }
}
