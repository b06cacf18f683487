namespace FtpMount.Cli.Status;

/// <summary>One file in the upload queue.</summary>
/// <param name="Path">Mount path.</param>
/// <param name="State"><c>waiting</c> (delay or retry pause until <paramref name="NextAttempt"/>), <c>queued</c> (due,
/// waiting for a connection) or <c>uploading</c>.</param>
/// <param name="Bytes">Size of the local copy to send; null when unknown.</param>
/// <param name="Failures">Failed attempts so far.</param>
/// <param name="LastError">Why the last attempt failed (server text).</param>
internal sealed record StatusQueuedUpload(string Path, string State, long? Bytes, int Failures, DateTimeOffset? NextAttempt, string? LastError);
