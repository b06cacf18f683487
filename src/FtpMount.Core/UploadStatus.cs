namespace FtpMount.Core;

/// <summary>A closed file in the upload queue (write-back, or a save being retried) for status reports.</summary>
/// <param name="Path">Its mount path now (follows renames).</param>
/// <param name="Bytes">Size of the local copy that will be sent; null when the mount does not know it.</param>
/// <param name="Failures">Attempts that failed so far; more than 0 means it is being retried.</param>
/// <param name="NextAttempt">When the next attempt starts, while <see cref="UploadState.Waiting"/>.</param>
/// <param name="LastError">What the last failed attempt ran into (server text: untrusted, show escaped).</param>
public sealed record UploadStatus(
    string Path, UploadState State, long? Bytes, int Failures, DateTimeOffset? NextAttempt, string? LastError);
