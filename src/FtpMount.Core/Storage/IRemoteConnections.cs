namespace FtpMount.Core.Storage;

/// <summary>
/// The connections of a store, as the core shares them: readers that hold a download between reads give it back
/// when <see cref="ConnectionWanted"/> says someone waits, streaming uploads and read segments start only within
/// <see cref="Limit"/>, and sibling prefetches run only while a connection is free.
/// </summary>
public interface IRemoteConnections
{
    /// <summary>Connections the server lets this mount hold now (may shrink below the configured maximum after 421s).</summary>
    int Limit { get; }

    /// <summary>The configured maximum.</summary>
    int MaxConnections { get; }

    int OpenCount { get; }

    int IdleCount { get; }

    /// <summary>Callers waiting for a connection right now.</summary>
    int WaitingCount { get; }

    /// <summary>Raised when a caller starts to wait for a connection: a holder between reads should give one back.</summary>
    event Action? ConnectionWanted;

    /// <summary>
    /// How long no connection has made progress (a reply, data, a connection opened or given back), counted from
    /// <paramref name="since"/> (a <see cref="System.Diagnostics.Stopwatch"/> timestamp) at the earliest.
    /// </summary>
    TimeSpan QuietFor(long since);
}
