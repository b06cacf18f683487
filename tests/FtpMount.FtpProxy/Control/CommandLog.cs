using System.Collections.Concurrent;

namespace FtpMount.FtpProxy.Control;

/// <summary>
/// Every command the proxy relayed to the server, on any control connection (PASS without its argument), the
/// newest <see cref="Capacity"/> kept; with counts of commands and of client flights (round trips) over all of them.
/// </summary>
public sealed class CommandLog
{
    public const int Capacity = 100_000;

    private readonly ConcurrentQueue<(string Verb, string Line, int Owed)> _entries = new();
    private long _commands;
    private long _flights;

    /// <summary>Commands relayed since the proxy started.</summary>
    public long Count => Interlocked.Read(ref _commands);

    /// <summary>
    /// Flights since the proxy started: each run of commands a client sent on a control connection after the server
    /// last spoke there. Commands sent in one flight (pipelined) share one round trip.
    /// </summary>
    public long Flights => Interlocked.Read(ref _flights);

    /// <summary>The verbs relayed, oldest first ("SITE CHMOD" for SITE commands).</summary>
    public IReadOnlyList<string> Verbs => [.. _entries.Select(e => e.Verb)];

    /// <summary>The command lines relayed, oldest first.</summary>
    public IReadOnlyList<string> Lines => [.. _entries.Select(e => e.Line)];

    /// <summary>
    /// For each command relayed, oldest first, how many earlier commands on its connection still awaited their final
    /// reply when it arrived: more than 0 means it was sent without waiting for them (pipelined behind a transfer).
    /// </summary>
    public IReadOnlyList<int> RepliesOwed => [.. _entries.Select(e => e.Owed)];

    internal void Add(string verb, string line, int owed)
    {
        Interlocked.Increment(ref _commands);
        _entries.Enqueue((verb, line, owed));
        while (_entries.Count > Capacity && _entries.TryDequeue(out _))
        {
        }
    }

    internal void FlightStarted() => Interlocked.Increment(ref _flights);
}
