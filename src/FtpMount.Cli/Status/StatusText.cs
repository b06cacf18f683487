using System.Globalization;
using System.Text;

namespace FtpMount.Cli.Status;

/// <summary>The status document as plain text lines: <c>ftpmount status</c>, and <c>--watch</c> when stdout is no terminal.</summary>
internal static class StatusText
{
    public static string Format(StatusDocument status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var text = new StringBuilder();
        var c = status.Connections;
        var u = status.Uploads;
        Line(text, $"{status.MountPoint}  {status.Source}  (pid {status.Pid})");
        Line(text, $"  connections  {c.Open} open, {c.Idle} idle, limit {c.Limit} of {c.Maximum}");
        Line(text, string.Create(CultureInfo.InvariantCulture,
            $"  cache        {status.Cache.Hits} hits, {status.Cache.Misses} misses ({status.Cache.HitRatio:P1} hit ratio)"));
        if (status.Reads is { } r)
        {
            Line(text, r.Passthrough
                ? $"  reads        {r.Requests} read requests served, {r.PassthroughOpens} open(s) read by the kernel from the read cache (passthrough)"
                : $"  reads        {r.Requests} read requests served (no passthrough on this mount)");
        }

        Line(text, $"  uploads      {u.Pending} pending ({u.Retrying} retrying after a failure, {status.Refused.Count} refused by the server), {u.UnsavedOpenFiles} open file(s) with unsaved changes");
        Line(text, status.WriteBack
            ? $"  write-back   {u.Queued} closed file(s) waiting for upload, {u.Retrying} of them retrying after a failure"
            : "  write-back   off (close() waits for each upload)");
        foreach (var queued in u.Queue)
        {
            Line(text, $"  queued       {queued.Path}  {StatusUnits.Size(queued.Bytes)}  {Describe(queued, status.Time)}");
        }

        foreach (var refused in status.Refused)
        {
            Line(text, $"  refused      {refused.Path}: {refused.Reason} (not sent again; a save, rename or delete of the path through the mount replaces it)");
        }

        foreach (var conflict in status.Conflicts)
        {
            Line(text, $"  conflict     {conflict} (the server's file had changed; this is the version saved here)");
        }

        if (status.Transfers.Count == 0)
        {
            Line(text, "  transfers    none in flight");
        }

        foreach (var transfer in status.Transfers)
        {
            Line(text, $"  transfer     {transfer.Direction,-8} {transfer.Path}  {Progress(transfer)}  {StatusUnits.Rate(transfer.BytesPerSecond)}  ETA {StatusUnits.Duration(transfer.EtaSeconds)}");
        }

        return text.ToString();
    }

    /// <summary>"waiting, starts in 3 s", "retry 2 in 8 s after: 451 …", "uploading (retry 1)".</summary>
    public static string Describe(StatusQueuedUpload upload, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var attempt = upload.Failures == 0 ? string.Empty : $"retry {upload.Failures}";
        var state = upload.State switch
        {
            "waiting" when upload.NextAttempt is { } next =>
                (attempt.Length == 0 ? "waiting, starts" : attempt) + " in " + StatusUnits.Duration(Math.Max(0, (next - now).TotalSeconds)),
            "uploading" => attempt.Length == 0 ? "uploading" : $"uploading ({attempt})",
            _ => attempt.Length == 0 ? "waiting for a connection" : $"{attempt}, waiting for a connection",
        };
        return upload.LastError is { } error ? $"{state}; last error: {error}" : state;
    }

    /// <summary>"1.5 MiB of 8.0 MiB (19 %)", with "from offset N" when it started inside the file.</summary>
    public static string Progress(StatusTransfer transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        var progress = transfer.Total is { } total
            ? $"{StatusUnits.Size(transfer.Position)} of {StatusUnits.Size(total)} ({StatusUnits.Percent(transfer.Position, total)})"
            : $"{StatusUnits.Size(transfer.Position)}";
        return transfer.StartOffset > 0 ? $"{progress} from offset {transfer.StartOffset}" : progress;
    }

    private static void Line(StringBuilder text, string line) => text.Append(StatusUnits.Printable(line)).Append('\n');
}
