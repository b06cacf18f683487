namespace FtpMount.Core.Storage;

/// <summary>How long a store's operations may take: callers above it wait as long, and no longer.</summary>
/// <param name="Operation">One command, retries included, before the server counts as not answering.</param>
/// <param name="Listing">One whole listing, retries included.</param>
/// <param name="Connect">Opening a new connection.</param>
public sealed record RemoteStoreTimeouts(TimeSpan Operation, TimeSpan Listing, TimeSpan Connect);
