using FtpMount.Cli.Hosting;
using FtpMount.Cli.Options;

namespace FtpMount.Cli.Status;

/// <summary>
/// <c>ftpmount status [--json] [--watch] [MOUNTPOINT]</c>: asks one mount, or every ftpmount mount of this user,
/// for its status document and prints it as text or, with <c>--json</c>, as one JSON line per mount.
/// </summary>
internal sealed class StatusClient(TextWriter output, TextWriter error, Func<string, string?>? environment = null)
{
    private readonly Func<string, string?> _environment = environment ?? Environment.GetEnvironmentVariable;

    public async Task<int> RunAsync(StatusCommand command, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Watch)
        {
            return await new StatusWatcher(output, error, _environment).RunAsync(command.MountPoint, command.Json, cancel).ConfigureAwait(false);
        }

        var mountPoints = command.MountPoint is { } point ? [point] : StatusMounts.OfThisUser();
        if (mountPoints.Count == 0)
        {
            await (command.Json ? error : output).WriteLineAsync("No ftpmount mounts.").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var failed = false;
        foreach (var mountPoint in mountPoints)
        {
            var reply = await StatusFetcher.FetchAsync(mountPoint, _environment, cancel).ConfigureAwait(false);
            switch (reply)
            {
                case StatusReply.Report report:
                    await output.WriteAsync(command.Json ? report.Json + "\n" : StatusText.Format(report.Document)).ConfigureAwait(false);
                    break;
                case StatusReply.LegacyText legacy when !command.Json:
                    await output.WriteAsync(legacy.Text).ConfigureAwait(false);
                    break;
                default:
                    failed = true;
                    await error.WriteLineAsync(Problem(reply)).ConfigureAwait(false);
                    break;
            }
        }

        return failed ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>One line for stderr about a mount that gave no usable document.</summary>
    public static string Problem(StatusReply reply) => StatusUnits.Printable(reply switch
    {
        StatusReply.Gone gone => $"ftpmount: {gone.MountPoint}: no status (is it an ftpmount mount of this user?): {gone.Reason}",
        StatusReply.Failed failed => $"ftpmount: {failed.MountPoint}: no status: {failed.Reason}",
        StatusReply.LegacyText legacy =>
            $"ftpmount: {legacy.MountPoint}: it runs an older ftpmount whose status is text only; remount it for --json and --watch",
        _ => $"ftpmount: {reply.MountPoint}: no status",
    });
}
