namespace FtpMount.Testing.InMemory;

/// <summary>
/// Holds the operations it matches until the test opens it: a delay placed by what happens, not by the clock. Wait
/// for <see cref="Reached"/> to know an operation is held there, act, then <see cref="Open"/>.
/// </summary>
public sealed class StoreGate
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    internal StoreGate(StoreVerb verb, Func<string, bool> matches)
    {
        Verb = verb;
        Matches = matches;
    }

    public StoreVerb Verb { get; }

    internal Func<string, bool> Matches { get; }

    /// <summary>Completes when the first matching operation arrives and waits here.</summary>
    public Task Reached => _reached.Task;

    /// <summary>Operations that arrived at the gate so far.</summary>
    public int Held => Volatile.Read(ref _held);

    public bool IsOpen => _opened.Task.IsCompleted;

    /// <summary>Lets every held operation and every later one through.</summary>
    public void Open() => _opened.TrySetResult();

    internal async Task PassAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _held);
        _reached.TrySetResult();
        await _opened.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
