namespace FtpMount.Ftp.Pool;

/// <summary>
/// When one operation gives up, retries on fresh connections included: once the server has not answered it for
/// <c>quiet</c> (no complete reply, no data), and, for listings, once it has run for <c>total</c>. So
/// <c>timeout=</c> bounds what a program waits for a server that stopped answering, not what each of several
/// attempts waits, while a slow server that keeps answering is given its time. The clocks stop while the operation
/// queues for a connection (<see cref="Pause"/>): the pool bounds that wait by the lack of progress of others.
/// </summary>
internal sealed class OperationDeadline : IDisposable
{
    private readonly TimeSpan _quiet;
    private readonly TimeSpan? _total;
    private readonly TimeProvider _time;
    private readonly CancellationToken _caller;
    private readonly Lock _lock = new();
    private TimeSpan _quietBefore;
    private TimeSpan _runBefore;
    private long _quietSince;
    private long _runningSince;
    private CancellationTokenSource? _quietTimer;
    private CancellationTokenSource? _totalTimer;
    private CancellationTokenSource? _linked;

    /// <param name="quiet">How long the operation may go without an answer.</param>
    /// <param name="total">How long it may run in all; null for no bound beyond <paramref name="quiet"/>.</param>
    public OperationDeadline(TimeSpan quiet, TimeSpan? total, TimeProvider time, CancellationToken caller)
    {
        _quiet = quiet;
        _total = total;
        _time = time;
        _caller = caller;
    }

    /// <summary>True once either clock ran out.</summary>
    public bool HasPassed
    {
        get
        {
            lock (_lock)
            {
                return Quiet >= _quiet || (_total is { } total && Run >= total)
                       || _quietTimer?.IsCancellationRequested == true || _totalTimer?.IsCancellationRequested == true;
            }
        }
    }

    /// <summary>Which bound ended the operation, for its error message.</summary>
    public string Describe() =>
        _total is { } total && Run >= total
            ? $"did not finish within {total.TotalSeconds:0.#} s"
            : $"got no answer for {_quiet.TotalSeconds:0.#} s";

    /// <summary>True when a pause of <paramref name="pause"/> still leaves time to try again.</summary>
    public bool AllowsPause(TimeSpan pause)
    {
        lock (_lock)
        {
            return Quiet + pause < _quiet && (_total is not { } total || Run + pause < total);
        }
    }

    private TimeSpan Quiet => _runningSince != 0 ? _time.GetElapsedTime(_quietSince) : _quietBefore;

    private TimeSpan Run => _runBefore + (_runningSince != 0 ? _time.GetElapsedTime(_runningSince) : TimeSpan.Zero);

    /// <summary>Starts (or keeps) the clocks; the token ends network waits when a clock runs out or the caller gives up.</summary>
    public CancellationToken Start()
    {
        lock (_lock)
        {
            if (_runningSince != 0)
            {
                return _linked!.Token;
            }

            var now = _time.GetTimestamp();
            _runningSince = now;
            _quietSince = now - (long)(_quietBefore.TotalSeconds * _time.TimestampFrequency);
            _quietTimer = new CancellationTokenSource(Positive(_quiet - _quietBefore), _time);
            if (_total is { } total)
            {
                _totalTimer = new CancellationTokenSource(Positive(total - _runBefore), _time);
                _linked = CancellationTokenSource.CreateLinkedTokenSource(_caller, _quietTimer.Token, _totalTimer.Token);
            }
            else
            {
                _linked = CancellationTokenSource.CreateLinkedTokenSource(_caller, _quietTimer.Token);
            }

            return _linked.Token;
        }
    }

    /// <summary>The server answered (a complete reply, or data): the quiet clock starts again.</summary>
    public void Progress()
    {
        lock (_lock)
        {
            if (_runningSince == 0 || _quietTimer is null || _quietTimer.IsCancellationRequested)
            {
                return;
            }

            _quietSince = _time.GetTimestamp();
            _quietTimer.CancelAfter(_quiet);
        }
    }

    /// <summary>Stops the clocks while the operation waits in line for a connection.</summary>
    public void Pause()
    {
        lock (_lock)
        {
            if (_runningSince == 0)
            {
                return;
            }

            _quietBefore = _time.GetElapsedTime(_quietSince);
            _runBefore += _time.GetElapsedTime(_runningSince);
            _runningSince = 0;
            _linked!.Dispose();
            _quietTimer!.Dispose();
            _totalTimer?.Dispose();
            _linked = _quietTimer = _totalTimer = null;
        }
    }

    private static TimeSpan Positive(TimeSpan value) => value > TimeSpan.Zero ? value : TimeSpan.Zero;

    public void Dispose() => Pause();
}
