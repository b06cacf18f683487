using FtpMount.Cli.Status;

namespace FtpMount.Cli.Tests.Status;

/// <summary>The plain text report, from a status document.</summary>
public class StatusFormatTests
{
    [Fact]
    public void Pending_retrying_refused_and_conflict_copies_are_each_reported()
    {
        var text = StatusText.Format(StatusDocuments.Busy());
        Assert.Contains("/mnt/nas  ftp://alice@nas:21/pub  (pid 4242)\n", text, StringComparison.Ordinal);
        Assert.Contains("  connections  3 open, 1 idle, limit 4 of 8\n", text, StringComparison.Ordinal);
        Assert.Contains("  cache        90 hits, 10 misses (90.0 % hit ratio)\n", text, StringComparison.Ordinal);
        Assert.Contains("uploads      3 pending (1 retrying after a failure, 1 refused by the server), 1 open file(s) with unsaved changes", text, StringComparison.Ordinal);
        Assert.Contains("refused      /locked/a.txt: 553 Could not create file.", text, StringComparison.Ordinal);
        Assert.Contains("conflict     /report.ftpmount-conflict-20250102-030405Z.txt", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_queued_upload_shows_its_state_retries_next_attempt_and_last_error()
    {
        var text = StatusText.Format(StatusDocuments.Busy());
        Assert.Contains("  queued       /docs/report.odt  2.0 MiB  uploading\n", text, StringComparison.Ordinal);
        Assert.Contains("  queued       /docs/notes.txt  1.5 KiB  retry 2 in 8 s; last error: 451 Transfer aborted\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_transfer_shows_progress_rate_and_eta_or_a_dash_when_unknown()
    {
        var text = StatusText.Format(StatusDocuments.Busy());
        Assert.Contains("  transfer     download /video/big.mkv  3.0 MiB of 12.0 MiB (25 %)  1.0 MiB/s  ETA 9 s\n", text, StringComparison.Ordinal);
        Assert.Contains("  transfer     upload   /docs/report.odt  512 KiB  -  ETA -\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_from_a_server_never_reach_the_terminal()
    {
        var hostile = StatusDocuments.Busy() with
        {
            Transfers = [new StatusTransfer(1, "/a\u001b]0;owned\u0007b\u202Etxt", "download", 0, 1, 1, 2, null, null, StatusDocuments.Now)],
            Refused = [new StatusRefused("/x", "550 \u001b[2Jcleared")],
        };
        var text = StatusText.Format(hostile);
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\u0007', text);
        Assert.DoesNotContain('\u202E', text);
        Assert.Contains("/a?]0;owned?b?txt", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1024, "1.0 KiB")]
    [InlineData(150 * 1024, "150 KiB")]
    [InlineData(5L * 1024 * 1024 * 1024, "5.0 GiB")]
    public void Sizes_are_binary_units(long bytes, string shown) => Assert.Equal(shown, StatusUnits.Size(bytes));

    [Theory]
    [InlineData(0.2, "1 s")]
    [InlineData(59.0, "59 s")]
    [InlineData(61.0, "1 min 1 s")]
    [InlineData(7300.0, "2 h 1 min")]
    [InlineData(null, "-")]
    public void Durations_round_up_and_say_when_unknown(double? seconds, string shown) => Assert.Equal(shown, StatusUnits.Duration(seconds));
}
