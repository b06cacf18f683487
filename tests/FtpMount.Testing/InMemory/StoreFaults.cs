using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Protocol;

namespace FtpMount.Testing.InMemory;

/// <summary>
/// The misbehaviour an <see cref="InMemoryRemoteStore"/> can be told to show, each for the operations of one verb on
/// the paths a test names (an exact server path, or a predicate such as "any temporary name in /dir"):
/// <list type="bullet">
/// <item><see cref="Refuse(StoreVerb, string, int, int, string)"/> and <see cref="RefuseRenameOnto"/>: a typed refusal as the FTP client raises it, 5xx
/// (<see cref="FtpPermanentException"/>; for a rename's source <see cref="FtpRenameSourceRefusedException"/>) or 4xx
/// (<see cref="FtpTransientException"/>); nothing changes in the store.</item>
/// <item><see cref="ShortRead(string, long)"/>: a download that ends early as if the server said 226: only the byte
/// count can tell.</item>
/// <item><see cref="ShortStore(Func{string, bool}, long)"/>: an upload the server accepts but keeps only part of.</item>
/// <item><see cref="Cut(StoreVerb, Func{string, bool}, long)"/>: the connection is lost after some bytes of a transfer
/// (<see cref="FtpConnectionLostException"/>).</item>
/// <item><see cref="Hold(StoreVerb, Func{string, bool})"/>: a <see cref="StoreGate"/> that holds operations until the
/// test opens it, in place of a delay.</item>
/// </list>
/// Each fault applies from when it is set until <see cref="Clear"/>, or for <c>times</c> operations where it takes a
/// count. Thread-safe: background uploads hit the faults while the test adds more.
/// </summary>
public sealed class StoreFaults
{
    private readonly Lock _lock = new();
    private readonly List<Refusal> _refusals = [];
    private readonly List<Limit> _shortReads = [];
    private readonly List<Limit> _shortStores = [];
    private readonly List<(StoreVerb Verb, Limit Limit)> _cuts = [];
    private readonly List<StoreGate> _gates = [];

    /// <summary>Refuses <paramref name="verb"/> on <paramref name="path"/> (for a rename: its source or its target).</summary>
    /// <param name="code">The reply: 5xx is permanent (550 no such file or permission, 553 bad name), 4xx transient (450, 451).</param>
    /// <param name="times">How many operations are refused before the fault stops.</param>
    /// <param name="text">The reply's text, which the core reads for the precise error ("No such file", "Permission denied").</param>
    public void Refuse(StoreVerb verb, string path, int code = 550, int times = int.MaxValue, string? text = null) =>
        Refuse(verb, p => p == path, code, times, text);

    public void Refuse(StoreVerb verb, Func<string, bool> path, int code = 550, int times = int.MaxValue, string? text = null) =>
        Add(new Refusal(verb, path, code, text, OnlyTarget: false) { Remaining = times });

    /// <summary>Refuses renames onto <paramref name="target"/> at RNTO (the source was accepted), as IIS does when the name exists.</summary>
    public void RefuseRenameOnto(string target, int code = 550, int times = int.MaxValue, string? text = null) =>
        Add(new Refusal(StoreVerb.Rename, p => p == target, code, text, OnlyTarget: true) { Remaining = times });

    private void Add(Refusal refusal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(refusal.Code, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(refusal.Code, 599);
        lock (_lock)
        {
            _refusals.Add(refusal);
        }
    }

    /// <summary>Downloads of <paramref name="path"/> end at byte <paramref name="endsAt"/> of the file, with a 226.</summary>
    public void ShortRead(string path, long endsAt) => ShortRead(p => p == path, endsAt);

    public void ShortRead(Func<string, bool> path, long endsAt)
    {
        lock (_lock)
        {
            _shortReads.Add(new Limit(path, endsAt));
        }
    }

    /// <summary>Uploads to the paths matched keep only their first <paramref name="keeps"/> bytes, and say 226.</summary>
    public void ShortStore(Func<string, bool> path, long keeps)
    {
        lock (_lock)
        {
            _shortStores.Add(new Limit(path, keeps));
        }
    }

    /// <summary>
    /// A <see cref="StoreVerb.Retrieve"/> or <see cref="StoreVerb.Store"/> on the paths matched loses its connection
    /// once <paramref name="afterBytes"/> bytes of the transfer went through (0: at once, before any byte).
    /// </summary>
    public void Cut(StoreVerb verb, Func<string, bool> path, long afterBytes)
    {
        if (verb is not (StoreVerb.Retrieve or StoreVerb.Store))
        {
            throw new ArgumentException("Only transfers (Retrieve, Store) can be cut; refuse other verbs instead.", nameof(verb));
        }

        lock (_lock)
        {
            _cuts.Add((verb, new Limit(path, afterBytes)));
        }
    }

    public void Cut(StoreVerb verb, string path, long afterBytes) => Cut(verb, p => p == path, afterBytes);

    /// <summary>Holds every <paramref name="verb"/> on the paths matched, before it takes effect, until the gate opens.</summary>
    public StoreGate Hold(StoreVerb verb, Func<string, bool> path)
    {
        var gate = new StoreGate(verb, path);
        lock (_lock)
        {
            _gates.Add(gate);
        }

        return gate;
    }

    public StoreGate Hold(StoreVerb verb, string path) => Hold(verb, p => p == path);

    /// <summary>Removes every fault; gates still closed are opened, so nothing stays held.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _refusals.Clear();
            _shortReads.Clear();
            _shortStores.Clear();
            _cuts.Clear();
            foreach (var gate in _gates)
            {
                gate.Open();
            }

            _gates.Clear();
        }
    }

    /// <summary>Waits at every closed gate matching the operation (on any of its paths).</summary>
    internal async Task PassGatesAsync(StoreVerb verb, string path, string? target, CancellationToken cancellationToken)
    {
        List<StoreGate> held;
        lock (_lock)
        {
            held = _gates.FindAll(g => g.Verb == verb && !g.IsOpen && (g.Matches(path) || (target is not null && g.Matches(target))));
        }

        foreach (var gate in held)
        {
            await gate.PassAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The refusal set for this operation, if any, as the FTP client would raise it.</summary>
    internal FtpException? RefusalFor(StoreVerb verb, string path, string? target)
    {
        lock (_lock)
        {
            foreach (var refusal in _refusals)
            {
                if (refusal.Verb != verb || refusal.Remaining <= 0)
                {
                    continue;
                }

                var onSource = !refusal.OnlyTarget && refusal.Matches(path);
                if (!onSource && (target is null || !refusal.Matches(target)))
                {
                    continue;
                }

                refusal.Remaining--;
                var reply = new FtpReply(refusal.Code, [refusal.Text ?? $"Refused by the test store ({verb})."]);
                var message = $"{verb} {path}{(target is null ? "" : " -> " + target)} failed: {reply}";
                return refusal.Code >= 500
                    ? verb == StoreVerb.Rename && onSource ? new FtpRenameSourceRefusedException(message, reply) : new FtpPermanentException(message, reply)
                    : new FtpTransientException(message, reply);
            }
        }

        return null;
    }

    internal long? ShortReadEnd(string path) => Smallest(_shortReads, path);

    internal long? ShortStoreLength(string path) => Smallest(_shortStores, path);

    internal long? CutAfter(StoreVerb verb, string path)
    {
        lock (_lock)
        {
            long? smallest = null;
            foreach (var (cutVerb, limit) in _cuts)
            {
                if (cutVerb == verb && limit.Matches(path) && (smallest is null || limit.Bytes < smallest))
                {
                    smallest = limit.Bytes;
                }
            }

            return smallest;
        }
    }

    private long? Smallest(List<Limit> limits, string path)
    {
        lock (_lock)
        {
            long? smallest = null;
            foreach (var limit in limits)
            {
                if (limit.Matches(path) && (smallest is null || limit.Bytes < smallest))
                {
                    smallest = limit.Bytes;
                }
            }

            return smallest;
        }
    }

    private sealed record Refusal(StoreVerb Verb, Func<string, bool> Matches, int Code, string? Text, bool OnlyTarget)
    {
        public int Remaining { get; set; }
    }

    private sealed record Limit(Func<string, bool> Matches, long Bytes);
}
