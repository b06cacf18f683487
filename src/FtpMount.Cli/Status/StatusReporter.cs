using System.Text.Json;
using FtpMount.Core;
using FtpMount.Ftp.Transfers;

namespace FtpMount.Cli.Status;

/// <summary>Inside a running mount: turns the core's figures into the status document, with transfer rates and ETAs.</summary>
internal sealed class StatusReporter(
    string mountPoint, string source, Func<FsStatus> read, TimeProvider? clock = null, Func<StatusReads>? reads = null)
{
    /// <summary>At most this many queued files are listed one by one.</summary>
    public const int MaxQueueItems = 200;

    private readonly TransferRates _rates = new();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The document as one line of JSON, as the status socket sends it.</summary>
    public string ReportJson() => JsonSerializer.Serialize(Report(), StatusJsonContext.Default.StatusDocument);

    public StatusDocument Report()
    {
        var status = read();
        var now = _clock.GetUtcNow();
        var rates = _rates.Measure(status.Transfers, now);
        var transfers = new StatusTransfer[status.Transfers.Count];
        for (var i = 0; i < transfers.Length; i++)
        {
            var transfer = status.Transfers[i];
            var rate = rates[transfer.Id];
            double? eta = transfer.Total is { } total && rate is > 0 ? Math.Max(0, total - transfer.Position) / rate.Value : null;
            transfers[i] = new StatusTransfer(
                transfer.Id,
                transfer.Path,
                transfer.Direction == FtpTransferDirection.Download ? "download" : "upload",
                transfer.StartOffset,
                transfer.Bytes,
                transfer.Position,
                transfer.Total,
                rate,
                eta,
                transfer.StartedAt);
        }

        // Those being sent first, then those due, then those waiting; a long queue (an untar with write-back) is cut
        // to its head, while the counts stay exact.
        var ordered = status.Uploads.OrderByDescending(u => u.State).ThenBy(u => u.Path, StringComparer.Ordinal).Take(MaxQueueItems).ToList();
        var queue = new StatusQueuedUpload[ordered.Count];
        for (var i = 0; i < queue.Length; i++)
        {
            var upload = ordered[i];
            queue[i] = new StatusQueuedUpload(
                upload.Path, StateName(upload.State), upload.Bytes, upload.Failures, upload.NextAttempt, upload.LastError);
        }

        var refused = new List<StatusRefused>(status.Refused.Count);
        foreach (var (path, reason) in status.Refused)
        {
            refused.Add(new StatusRefused(path, reason));
        }

        return new StatusDocument
        {
            Version = StatusDocument.CurrentVersion,
            Time = now,
            MountPoint = mountPoint,
            Source = source,
            Pid = Environment.ProcessId,
            WriteBack = status.WriteBack,
            Connections = new StatusConnections(
                status.ConnectionsOpen, status.ConnectionsIdle, Math.Max(0, status.ConnectionsOpen - status.ConnectionsIdle),
                status.ConnectionLimit, status.ConnectionMaximum),
            Cache = new StatusCache(status.CacheHits, status.CacheMisses, status.CacheHitRatio),
            Uploads = new StatusUploads(status.UploadsPending, status.UploadsQueued, status.UploadsFailing, status.FilesUnsaved, queue),
            Reads = reads?.Invoke(),
            Refused = refused,
            Conflicts = status.Conflicts,
            Transfers = transfers,
        };
    }

    private static string StateName(UploadState state) => state switch
    {
        UploadState.Waiting => "waiting",
        UploadState.Queued => "queued",
        _ => "uploading",
    };
}
