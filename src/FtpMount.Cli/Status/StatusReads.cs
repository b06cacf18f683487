namespace FtpMount.Cli.Status;

/// <summary>
/// How the kernel read files: read requests the mount served itself, and opens it answered with the read cache's copy
/// for the kernel to read directly (FUSE passthrough), which send no read requests at all.
/// </summary>
/// <param name="Passthrough">Whether the kernel and libfuse gave this mount passthrough (it also needs <c>cache=full</c>).</param>
internal sealed record StatusReads(long Requests, long PassthroughOpens, bool Passthrough);
