using System.Text.Json;
using FtpMount.Cli.Status;
using FtpMount.Core;
using FtpMount.Ftp.Transfers;

namespace FtpMount.Cli.Tests.Status;

/// <summary>The status protocol: one versioned JSON document, built in the mount and read by every view.</summary>
public class StatusDocumentTests
{
    [Fact]
    public void The_document_is_one_line_of_camel_case_json_that_reads_back_the_same()
    {
        var json = JsonSerializer.Serialize(StatusDocuments.Busy(), StatusJsonContext.Default.StatusDocument);
        Assert.DoesNotContain('\n', json);
        using (var document = JsonDocument.Parse(json))
        {
            var root = document.RootElement;
            Assert.Equal(1, root.GetProperty("version").GetInt32());
            Assert.Equal("/mnt/nas", root.GetProperty("mountPoint").GetString());
            Assert.Equal(2, root.GetProperty("connections").GetProperty("busy").GetInt32());
            Assert.Equal(0.9, root.GetProperty("cache").GetProperty("hitRatio").GetDouble());
            Assert.Equal("451 Transfer aborted", root.GetProperty("uploads").GetProperty("queue")[1].GetProperty("lastError").GetString());
            var upload = root.GetProperty("transfers")[1];
            Assert.Equal(JsonValueKind.Null, upload.GetProperty("total").ValueKind);
            Assert.Equal(JsonValueKind.Null, upload.GetProperty("etaSeconds").ValueKind);
        }

        var reply = Assert.IsType<StatusReply.Report>(StatusFetcher.Parse("/mnt/nas", json + "\n"));
        Assert.Equal(json, reply.Json);
        Assert.Equal(StatusText.Format(StatusDocuments.Busy()), StatusText.Format(reply.Document));
    }

    [Fact]
    public void Fields_a_newer_mount_adds_are_ignored_and_kept_in_the_json_passed_on()
    {
        var json = JsonSerializer.Serialize(StatusDocuments.Busy(), StatusJsonContext.Default.StatusDocument);
        var newer = json[..^1] + ",\"diskFree\":123}";
        var reply = Assert.IsType<StatusReply.Report>(StatusFetcher.Parse("/mnt/nas", newer));
        Assert.Contains("\"diskFree\":123", reply.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_version_or_no_document_is_refused_with_a_reason_and_old_text_is_recognised()
    {
        var json = JsonSerializer.Serialize(StatusDocuments.Busy() with { Version = 2 }, StatusJsonContext.Default.StatusDocument);
        Assert.Contains("version 2", Assert.IsType<StatusReply.Failed>(StatusFetcher.Parse("/m", json)).Reason, StringComparison.Ordinal);
        Assert.IsType<StatusReply.Failed>(StatusFetcher.Parse("/m", "{\"version\":1}"));
        Assert.IsType<StatusReply.Failed>(StatusFetcher.Parse("/m", "{not json"));
        Assert.IsType<StatusReply.LegacyText>(StatusFetcher.Parse("/m", "/m  ftp://h/  (pid 1)\n  connections  1 open\n"));
    }

    [Fact]
    public void The_reporter_turns_the_core_figures_into_the_document_with_rates_and_etas()
    {
        var clock = new ManualClock(StatusDocuments.Now);
        var started = StatusDocuments.Now.AddSeconds(-10);
        var bytes = 10_000_000L;
        var status = () => new FsStatus(4, 1, 6, 8, 30, 10, 2, 1, true, 1, 1,
            [new TransferStatus(5, "/big.bin", FtpTransferDirection.Download, 1_000_000, bytes, 30_000_000, started)])
        {
            Uploads = [new UploadStatus("/a.txt", UploadState.Waiting, 10, 1, StatusDocuments.Now.AddSeconds(4), "452 full")],
            Refused = new Dictionary<string, string> { ["/no.txt"] = "553 no" },
        };
        var reporter = new StatusReporter("/mnt/x", "ftp://h/", status, clock);

        // First seen 10 s into the transfer: its average so far.
        var first = reporter.Report();
        var transfer = Assert.Single(first.Transfers);
        Assert.Equal(("/big.bin", "download", 11_000_000L, 30_000_000L), (transfer.Path, transfer.Direction, transfer.Position, transfer.Total!.Value));
        Assert.Equal(1_000_000, transfer.BytesPerSecond!.Value, 3);
        Assert.Equal(19, transfer.EtaSeconds!.Value, 3);
        Assert.Equal(new StatusConnections(4, 1, 3, 6, 8), first.Connections);
        Assert.Equal(0.75, first.Cache.HitRatio);
        Assert.Equal(new StatusQueuedUpload("/a.txt", "waiting", 10, 1, StatusDocuments.Now.AddSeconds(4), "452 full"), Assert.Single(first.Uploads.Queue));
        Assert.Equal(new StatusRefused("/no.txt", "553 no"), Assert.Single(first.Refused));
        Assert.Equal(Environment.ProcessId, first.Pid);

        // One second later, 4 MB further: the rate of that second, not the average since the start.
        clock.Now = StatusDocuments.Now.AddSeconds(1);
        bytes += 4_000_000;
        var second = Assert.Single(reporter.Report().Transfers);
        Assert.Equal(4_000_000, second.BytesPerSecond!.Value, 3);
        Assert.Equal(3.75, second.EtaSeconds!.Value, 3);
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
