using FtpMount.Cli.Hosting;
using Spectre.Console;

namespace FtpMount.Cli.Status;

/// <summary>
/// <c>ftpmount status --watch</c>: the status again each second until Ctrl+C (exit 0) or until the mount goes away
/// (a line on stderr, exit 1). On a terminal it is a live screen (Spectre.Console); otherwise plain text blocks, or
/// with <c>--json</c> one JSON line per mount and second, for monitoring.
/// </summary>
internal sealed class StatusWatcher(TextWriter output, TextWriter error, Func<string, string?> environment)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public async Task<int> RunAsync(string? mountPoint, bool json, CancellationToken cancel)
    {
        try
        {
            if (!json && IsTerminal(output, environment))
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
                var unicode = console.Profile.Capabilities.Unicode;
                var code = ExitCodes.Success;
                await console.Live(new Text(string.Empty)).StartAsync(async live =>
                {
                    code = await LoopAsync(mountPoint, replies =>
                    {
                        live.UpdateTarget(StatusLiveView.Render(replies, DateTimeOffset.Now, unicode));
                        live.Refresh();
                        return Task.CompletedTask;
                    }, cancel).ConfigureAwait(false);
                }).ConfigureAwait(false);
                return await EndAsync(code).ConfigureAwait(false);
            }

            return await EndAsync(await LoopAsync(mountPoint, replies => PrintAsync(replies, json), cancel).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
    }

    /// <summary>The message for why the loop ended goes out after the live screen has released the terminal.</summary>
    private string? _ending;

    private async Task<int> EndAsync(int code)
    {
        if (_ending is { } line)
        {
            await error.WriteLineAsync(line).ConfigureAwait(false);
        }

        return code;
    }

    private async Task<int> LoopAsync(string? mountPoint, Func<IReadOnlyList<StatusReply>, Task> show, CancellationToken cancel)
    {
        var seenAny = false;
        while (true)
        {
            var points = mountPoint is { } point ? [point] : StatusMounts.OfThisUser();
            if (points.Count == 0)
            {
                _ending = seenAny ? "ftpmount: no ftpmount mounts left; stopped watching." : "No ftpmount mounts.";
                return seenAny ? ExitCodes.Failure : ExitCodes.Success;
            }

            var replies = await Task.WhenAll(points.Select(p => StatusFetcher.FetchAsync(p, environment, cancel))).ConfigureAwait(false);
            seenAny = true;
            if (replies.All(r => r is StatusReply.Gone))
            {
                _ending = replies.Length == 1
                    ? StatusUnits.Printable($"ftpmount: {replies[0].MountPoint}: the mount went away ({((StatusReply.Gone)replies[0]).Reason}); stopped watching.")
                    : "ftpmount: the mounts went away; stopped watching.";
                return ExitCodes.Failure;
            }

            await show(replies).ConfigureAwait(false);
            await Task.Delay(Interval, cancel).ConfigureAwait(false);
        }
    }

    private async Task PrintAsync(IReadOnlyList<StatusReply> replies, bool json)
    {
        foreach (var reply in replies)
        {
            var text = reply switch
            {
                StatusReply.Report report => json ? report.Json + "\n" : StatusText.Format(report.Document),
                StatusReply.LegacyText legacy when !json => legacy.Text,
                _ => null,
            };
            if (text is null)
            {
                await error.WriteLineAsync(StatusClient.Problem(reply)).ConfigureAwait(false);
            }
            else
            {
                await output.WriteAsync(text).ConfigureAwait(false);
            }
        }

        if (!json)
        {
            await output.WriteLineAsync().ConfigureAwait(false);
        }

        await output.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>A live screen only for the real console on a terminal that can move its cursor.</summary>
    private static bool IsTerminal(TextWriter output, Func<string, string?> environment) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && environment("TERM") is not (null or "" or "dumb");
}
