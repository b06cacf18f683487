namespace FtpMount.Core;

/// <summary>
/// Uploading after close instead of during it. Off by default: then close(2) returns only once the file is on the
/// server, or fails. On, close(2) returns once the content is journaled on local disk, and uploads run in the
/// background, in parallel; fsync(2), rename and unmount still wait for them.
/// </summary>
public sealed record WriteBackOptions
{
    public bool Enabled { get; init; }

    /// <summary>
    /// How long a closed file waits before its upload starts, so the chmod and utimens that tar and cp -p send
    /// right after close are applied with the upload instead of costing round trips of their own.
    /// </summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Uploads running at once; each holds one pooled connection, so keep it below the connection limit.</summary>
    public int Parallelism { get; init; } = 3;

    /// <summary>Deadline of one upload attempt; a failed or timed-out attempt is retried with growing pauses.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The longest pause between attempts for a file the server keeps refusing.</summary>
    public TimeSpan MaxRetryPause { get; init; } = TimeSpan.FromMinutes(1);
}
