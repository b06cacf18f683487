using System.Diagnostics;
using System.Globalization;
using FtpMount.Cli.Hosting;
using FtpMount.Cli.Native;
using FtpMount.Cli.Options;
using FtpMount.Ftp;
using Microsoft.Extensions.Logging;

namespace FtpMount.Cli.Daemon;

/// <summary>
/// Default (no <c>-f</c>) mode: starts this program again as a detached background process and returns only when
/// that process reports the mount ready, or with its one-sentence error, or after <c>daemon_timeout=</c>.
/// </summary>
/// <remarks>
/// The background process gets the same arguments (which hold no password: <see cref="MountRequest.ArgumentsWithoutSecrets"/>)
/// plus <c>-f</c>, an environment without the password variables, and three pipes: stdin carries the credentials
/// (<see cref="CredentialHandoff"/>), stdout the readiness line (<see cref="ReadinessMessage"/>), stderr its log,
/// which is relayed to our stderr until we exit. It calls setsid() itself (<see cref="DaemonChild"/>), so its pid
/// is the one we started.
/// </remarks>
internal sealed class BackgroundLauncher(TextWriter error, ILogger logger)
{
    /// <summary>How long to wait for the background process to exit after it reported an error, for its exit code and last log lines.</summary>
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(5);

    public async Task<int> LaunchAsync(MountRequest request, FtpCredentials credentials, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        using var child = Process.Start(StartInfo(request))
            ?? throw new InvalidOperationException("The background process did not start.");
        CliLog.StartedBackgroundProcess(logger, child.Id, request.Options.DaemonTimeout.TotalSeconds);
        try
        {
            CredentialHandoff.Write(child.StandardInput.BaseStream, credentials);
            child.StandardInput.Close();
        }
        catch (IOException)
        {
            // It died already; its stderr and exit code say why.
        }

        var relay = RelayAsync(child.StandardError);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(request.Options.DaemonTimeout);
        try
        {
            while (await child.StandardOutput.ReadLineAsync(deadline.Token).ConfigureAwait(false) is { } line)
            {
                if (!ReadinessMessage.TryParse(line, out var ready, out var sentence))
                {
                    continue;
                }

                if (ready)
                {
                    return ExitCodes.Success;
                }

                var code = await ExitCodeAsync(child, relay).ConfigureAwait(false);
                await WriteErrorAsync(sentence!).ConfigureAwait(false);
                return code is null or ExitCodes.Success ? ExitCodes.Failure : code.Value;
            }
        }
        catch (OperationCanceledException)
        {
            await TerminateAsync(child, relay).ConfigureAwait(false);
            if (cancel.IsCancellationRequested)
            {
                await WriteErrorAsync("Interrupted while waiting for the mount; stopped the background process.").ConfigureAwait(false);
                return ExitCodes.Interrupted;
            }

            var seconds = request.Options.DaemonTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            await WriteErrorAsync(
                $"The mount was not ready within {seconds} s (daemon_timeout=); stopped the background process.").ConfigureAwait(false);
            return ExitCodes.NotReady;
        }

        var exit = await ExitCodeAsync(child, relay).ConfigureAwait(false);
        var how = exit is { } c ? $"with code {c.ToString(CultureInfo.InvariantCulture)}" : "its output";
        await WriteErrorAsync($"The background process closed {how} before the mount was ready; run with -f to see why.")
            .ConfigureAwait(false);
        return exit is null or ExitCodes.Success ? ExitCodes.Failure : exit.Value;
    }

    private static ProcessStartInfo StartInfo(MountRequest request)
    {
        var (fileName, leading) = SelfCommand.Current();
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in leading.Concat(request.ArgumentsWithoutSecrets).Append("-f"))
        {
            start.ArgumentList.Add(argument);
        }

        // /proc/PID/environ is readable by the same user for the life of the process: keep the password out of it.
        start.Environment.Remove(MountOptionValues.DefaultPasswordEnvironmentVariable);
        start.Environment.Remove(request.Options.EffectivePasswordEnvironmentVariable);
        // The starter is the unit's main process if systemd is watching; the child must not claim readiness for it.
        start.Environment.Remove(SystemdNotifier.Variable);
        start.Environment[DaemonChild.MarkerVariable] = "1";
        return start;
    }

    private async Task RelayAsync(StreamReader childError)
    {
        try
        {
            while (await childError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                await error.WriteLineAsync(line).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // We are leaving; the background process keeps running without a listener.
        }
    }

    private static async Task<int?> ExitCodeAsync(Process child, Task relay)
    {
        using var grace = new CancellationTokenSource(ExitGrace);
        try
        {
            await child.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            await relay.WaitAsync(grace.Token).ConfigureAwait(false);
            return child.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return child.HasExited ? child.ExitCode : null;
        }
    }

    private static async Task TerminateAsync(Process child, Task relay)
    {
        // SIGTERM first: the runner unmounts cleanly on it. SIGKILL only if it does not go.
        _ = LibC.kill(child.Id, LibC.SIGTERM);
        if (await ExitCodeAsync(child, relay).ConfigureAwait(false) is null)
        {
            child.Kill(entireProcessTree: true);
        }
    }

    private async Task WriteErrorAsync(string sentence)
    {
        await error.WriteLineAsync("ftpmount: " + sentence).ConfigureAwait(false);
        await error.FlushAsync().ConfigureAwait(false);
    }
}
