using FtpMount.Cli.Status;

namespace FtpMount.Cli.Tests.Status;

/// <summary>Status documents for the renderer tests, as a mount would send them.</summary>
internal static class StatusDocuments
{
    public static readonly DateTimeOffset Now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static StatusDocument Busy() => new()
    {
        Version = StatusDocument.CurrentVersion,
        Time = Now,
        MountPoint = "/mnt/nas",
        Source = "ftp://alice@nas:21/pub",
        Pid = 4242,
        WriteBack = true,
        Connections = new StatusConnections(3, 1, 2, 4, 8),
        Cache = new StatusCache(90, 10, 0.9),
        Uploads = new StatusUploads(3, 2, 1, 1,
        [
            new StatusQueuedUpload("/docs/report.odt", "uploading", 2 * 1024 * 1024, 0, null, null),
            new StatusQueuedUpload("/docs/notes.txt", "waiting", 1536, 2, Now.AddSeconds(8), "451 Transfer aborted"),
        ]),
        Refused = [new StatusRefused("/locked/a.txt", "553 Could not create file.")],
        Conflicts = ["/report.ftpmount-conflict-20250102-030405Z.txt"],
        Transfers =
        [
            new StatusTransfer(7, "/video/big.mkv", "download", 0, 3 * 1024 * 1024, 3 * 1024 * 1024, 12 * 1024 * 1024, 1024 * 1024, 9, Now.AddSeconds(-3)),
            new StatusTransfer(8, "/docs/report.odt", "upload", 0, 512 * 1024, 512 * 1024, null, null, null, Now.AddSeconds(-1)),
        ],
    };
}
