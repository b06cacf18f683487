namespace FtpMount.Cli.Status;

/// <summary>Saves not on the server yet.</summary>
/// <param name="Pending">Queued plus refused.</param>
/// <param name="Queued">Closed files waiting for (or in) their upload: write-back, or a save being retried.</param>
/// <param name="Retrying">Queued files whose last attempt failed.</param>
/// <param name="UnsavedOpenFiles">Files still open with changes not yet saved.</param>
/// <param name="Queue">The queued files one by one.</param>
internal sealed record StatusUploads(int Pending, int Queued, int Retrying, int UnsavedOpenFiles, IReadOnlyList<StatusQueuedUpload> Queue);
