namespace FtpMount.Cli.Status;

/// <summary>The connection pool: open (busy + idle) connections, and how many may be open.</summary>
/// <param name="Limit">What the pool allows now (lower than <paramref name="Maximum"/> after the server refused more).</param>
/// <param name="Maximum">max_connections=.</param>
internal sealed record StatusConnections(int Open, int Idle, int Busy, int Limit, int Maximum);
