using FtpMount.Cli.Status;
using Spectre.Console;

namespace FtpMount.Cli.Tests.Status;

/// <summary>The <c>--watch</c> screen, rendered off-screen (no colours) to check what it shows.</summary>
public class StatusLiveViewTests
{
    [Fact]
    public void Each_transfer_gets_a_bar_as_far_as_its_file_and_the_queue_its_retries()
    {
        var screen = Render([new StatusReply.Report("/mnt/nas", StatusDocuments.Busy(), "{}")], unicode: true);
        Assert.Contains("/mnt/nas  ftp://alice@nas:21/pub  pid 4242", screen, StringComparison.Ordinal);
        Assert.Contains("3 open (2 busy, 1 idle), limit 4 of 8", screen, StringComparison.Ordinal);
        Assert.Contains("90 hits, 10 misses (90.0 % hit ratio)", screen, StringComparison.Ordinal);

        // A 24-cell bar (its filled quarter differs only in colour here; see the ascii test); unknown size: dotted.
        var download = Line(screen, "/video/big.mkv");
        Assert.Contains(new string('━', 24), download, StringComparison.Ordinal);
        Assert.Contains("↓ download", download, StringComparison.Ordinal);
        Assert.Contains("3.0 MiB of 12.0 MiB (25 %)", download, StringComparison.Ordinal);
        Assert.Contains("1.0 MiB/s", download, StringComparison.Ordinal);
        Assert.Contains("9 s", download, StringComparison.Ordinal);
        Assert.Contains(new string('╌', 24), Line(screen, "↑ upload"), StringComparison.Ordinal);

        Assert.Contains("retry 2 in 8 s; last error: 451 Transfer aborted", Line(screen, "/docs/notes.txt"), StringComparison.Ordinal);
        Assert.Contains("refused  /locked/a.txt: 553 Could not create file.", screen, StringComparison.Ordinal);
        Assert.Contains("conflict /report.ftpmount-conflict-20250102-030405Z.txt", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_unicode_the_bars_are_ascii()
    {
        var screen = Render([new StatusReply.Report("/mnt/nas", StatusDocuments.Busy(), "{}")], unicode: false);
        Assert.Contains(new string('#', 6) + new string('-', 18), screen, StringComparison.Ordinal);
        Assert.Contains("v download", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_are_shown_as_text_never_as_markup_or_terminal_controls()
    {
        var hostile = StatusDocuments.Busy() with
        {
            MountPoint = "/mnt/[red]x[/]",
            Transfers = [new StatusTransfer(1, "/[bold]b\u001b[2J", "download", 0, 1, 1, 2, null, null, StatusDocuments.Now)],
        };
        var screen = Render([new StatusReply.Report(hostile.MountPoint, hostile, "{}")], unicode: true);
        Assert.Contains("/mnt/[red]x[/]", screen, StringComparison.Ordinal);
        Assert.Contains("/[bold]b?[2J", screen, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', screen);
    }

    [Fact]
    public void A_mount_without_a_document_says_why()
    {
        var screen = Render([new StatusReply.Failed("/mnt/slow", "no answer within 5 s")], unicode: true);
        Assert.Contains("/mnt/slow", screen, StringComparison.Ordinal);
        Assert.Contains("no status: no answer within 5 s", screen, StringComparison.Ordinal);
    }

    private static string Render(IReadOnlyList<StatusReply> replies, bool unicode)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        console.Profile.Capabilities.Unicode = unicode;
        console.Write(StatusLiveView.Render(replies, StatusDocuments.Now, unicode));
        return writer.ToString();
    }

    private static string Line(string screen, string containing) =>
        Assert.Single(screen.Split('\n'), line => line.Contains(containing, StringComparison.Ordinal));
}
