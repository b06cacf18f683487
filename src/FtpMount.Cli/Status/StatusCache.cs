namespace FtpMount.Cli.Status;

/// <summary>The listing cache: lookups answered from memory, and those that went to the server.</summary>
internal sealed record StatusCache(long Hits, long Misses, double HitRatio);
