namespace FtpMount.Testing.Hostile;

/// <summary>
/// Every command the server received, in order, from every session: for asserting what a client sent ("no DELE
/// was sent", "SIZE was asked once"). Thread-safe; bounded (<see cref="HostileFtpServerOptions.MaxLoggedCommands"/>).
/// </summary>
public sealed class CommandLog
{
    private readonly Lock _lock = new();
    private readonly Queue<ReceivedCommand> _commands = new();
    private readonly int _capacity;
    private long _sequence;
    private long _dropped;

    internal CommandLog(int capacity) => _capacity = capacity;

    /// <summary>Commands dropped because the log was full (oldest first).</summary>
    public long Dropped
    {
        get
        {
            lock (_lock)
            {
                return _dropped;
            }
        }
    }

    public IReadOnlyList<ReceivedCommand> Snapshot()
    {
        lock (_lock)
        {
            return [.. _commands];
        }
    }

    /// <summary>The commands with this verb (case-insensitive), and when <paramref name="path"/> is given, naming that path.</summary>
    public IReadOnlyList<ReceivedCommand> Of(string verb, string? path = null) =>
        [.. Snapshot().Where(c => c.Verb.Equals(verb, StringComparison.OrdinalIgnoreCase) && (path is null || c.Path == path))];

    public int Count(string verb, string? path = null) => Of(verb, path).Count;

    /// <summary>Whether any of <paramref name="verbs"/> was received (say, STOR, APPE, RNTO, DELE: "nothing was changed").</summary>
    public bool Any(params IEnumerable<string> verbs)
    {
        var set = new HashSet<string>(verbs, StringComparer.OrdinalIgnoreCase);
        return Snapshot().Any(c => set.Contains(c.Verb));
    }

    public void Clear()
    {
        lock (_lock)
        {
            _commands.Clear();
        }
    }

    /// <summary>The log as lines, for an assertion message.</summary>
    public override string ToString() => string.Join('\n', Snapshot());

    internal ReceivedCommand Add(int session, string verb, string argument, string? path)
    {
        lock (_lock)
        {
            var command = new ReceivedCommand(++_sequence, session, verb, argument, path);
            _commands.Enqueue(command);
            if (_commands.Count > _capacity)
            {
                _commands.Dequeue();
                _dropped++;
            }

            return command;
        }
    }
}
