namespace FtpMount.FtpProxy.Relay;

/// <summary>
/// The state every relay consults per chunk: the options in force, the fault rules and the shared counters. Options
/// change while traffic flows, so waiters re-check them on a change signal instead of polling.
/// </summary>
internal sealed class LinkConditions
{
    private FtpProxyOptions _options;
    private TaskCompletionSource _changed = NewSignal();
    private DataCutRule? _dataCut;
    private ReplyReplacement? _nextReplyReplacement;
    private DataByteTrigger[] _dataTriggers = [];
    private long _bytesRelayed;

    public LinkConditions(FtpProxyOptions options, TimeProvider? clock = null, IRelayObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        Clock = clock ?? TimeProvider.System;
        Observer = observer;
    }

    /// <summary>
    /// The clock the delay and the bandwidth cap are measured on: real time, except in tests that drive it by hand.
    /// Deadlines that only stop a hang (connect, passive accept) stay on real time.
    /// </summary>
    public TimeProvider Clock { get; }

    /// <summary>Sees every chunk's schedule; null outside tests.</summary>
    public IRelayObserver? Observer { get; }

    public FtpProxyOptions Options
    {
        get => Volatile.Read(ref _options);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            value.Validate();
            Volatile.Write(ref _options, value);
            SignalChange();
        }
    }

    public long BytesRelayed => Interlocked.Read(ref _bytesRelayed);

    public DataCutRule? DataCut
    {
        get => Volatile.Read(ref _dataCut);
        set => Volatile.Write(ref _dataCut, value);
    }

    /// <summary>The byte-count triggers armed and not yet fired, in the order they were armed.</summary>
    public IReadOnlyList<DataByteTrigger> DataTriggers => Volatile.Read(ref _dataTriggers);

    public void Arm(DataByteTrigger trigger) => ChangeTriggers(triggers => [.. triggers, trigger]);

    public void Disarm(DataByteTrigger trigger) => ChangeTriggers(triggers => Array.FindAll(triggers, t => !ReferenceEquals(t, trigger)));

    /// <summary>Cancels every trigger still armed: the proxy ends, so none can fire any more.</summary>
    public void CancelTriggers()
    {
        foreach (var trigger in Interlocked.Exchange(ref _dataTriggers, []))
        {
            trigger.Cancel();
        }
    }

    public bool ReplyReplacementArmed => Volatile.Read(ref _nextReplyReplacement) is not null;

    /// <summary>Applies <paramref name="change"/> atomically, so two shortcut setters racing do not lose an update.</summary>
    public void Update(Func<FtpProxyOptions, FtpProxyOptions> change)
    {
        while (true)
        {
            var current = Volatile.Read(ref _options);
            var next = change(current);
            next.Validate();
            if (ReferenceEquals(Interlocked.CompareExchange(ref _options, next, current), current))
            {
                SignalChange();
                return;
            }
        }
    }

    public void AddRelayed(long bytes) => Interlocked.Add(ref _bytesRelayed, bytes);

    /// <param name="verb">Only a reply to this command ("RNTO", "SITE CHMOD"); null: the next reply, whatever it answers.</param>
    public void ArmReplyReplacement(Func<string, string?> replace, string? verb = null) =>
        Volatile.Write(ref _nextReplyReplacement, new ReplyReplacement(verb, replace));

    /// <summary>
    /// Hands the armed replacement to exactly one control connection, for a reply to <paramref name="verb"/> (null:
    /// a reply to no command, such as the greeting).
    /// </summary>
    public Func<string, string?>? TakeReplyReplacement(string? verb)
    {
        var armed = Volatile.Read(ref _nextReplyReplacement);
        if (armed is null || (armed.Verb is not null && !string.Equals(armed.Verb, verb, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return ReferenceEquals(Interlocked.CompareExchange(ref _nextReplyReplacement, null, armed), armed) ? armed.Replace : null;
    }

    private sealed record ReplyReplacement(string? Verb, Func<string, string?> Replace);

    public async ValueTask WaitWhileBlackHoledAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            // Take the signal before reading the options: a change in between completes this very signal.
            var changed = Volatile.Read(ref _changed).Task;
            if (!Options.BlackHole)
            {
                return;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void ChangeTriggers(Func<DataByteTrigger[], DataByteTrigger[]> change)
    {
        while (true)
        {
            var current = Volatile.Read(ref _dataTriggers);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _dataTriggers, change(current), current), current))
            {
                return;
            }
        }
    }

    private void SignalChange() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
