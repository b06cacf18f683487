using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FtpMount.Ftp.Pool;

/// <summary>
/// A bounded pool of logged-in sessions to one endpoint. Connections are made lazily, reused first-in first-out,
/// health-checked with NOOP after a long idle spell and closed after <see cref="FtpClientOptions.IdleTimeout"/>.
/// A connection that saw a timeout, reset or protocol error is never reused. When the server refuses a connection
/// because of its own limit (421 at connect, proftpd's 530 "maximum number of clients"), the pool lowers its limit
/// to what the server accepted and queues callers instead of failing them. A queued caller gives up only when none
/// of the pool's connections has made progress for <see cref="FtpClientOptions.PoolWaitTimeout"/>
/// (<see cref="PoolActivity"/>): queueing behind connections that work is never an error, a silent server is.
/// Holders that could give a connection back (a reader between reads) listen to <see cref="ConnectionWanted"/>.
/// </summary>
public sealed class FtpConnectionPool : IAsyncDisposable
{
    private readonly FtpClientOptions _options;
    private readonly ILogger _logger;
    private readonly Func<CancellationToken, Task<FtpSession>> _connect;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Queue<IdleSession> _idle = new();
    private readonly LinkedList<TaskCompletionSource<FtpSession?>> _waiters = new();
    private readonly ITimer _evictionTimer;
    private readonly PoolActivity _activity;
    private static readonly TimeSpan LimitRecoveryInterval = TimeSpan.FromMinutes(1);
    private int _total;
    private int _limit;
    private long _lastShrink;
    private bool _disposed;

    public FtpConnectionPool(
        FtpClientOptions options,
        ILogger? logger = null,
        Func<CancellationToken, Task<FtpSession>>? connect = null,
        TimeProvider? timeProvider = null)
    {
        _options = options.Validate();
        _logger = logger ?? NullLogger.Instance;
        _connect = connect ?? (ct => FtpLogin.ConnectAsync(_options, _logger, ct));
        _time = timeProvider ?? TimeProvider.System;
        _limit = options.MaxConnections;
        Pipelining = new PipeliningSwitch(_options.Pipelining, _logger);
        _activity = new PoolActivity(_time);
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(200).Ticks, options.IdleTimeout.Ticks / 4));
        _evictionTimer = _time.CreateTimer(static state => ((FtpConnectionPool)state!).EvictIdle(), this, period, period);
    }

    public FtpClientOptions Options => _options;

    /// <summary>Whether this pool's sessions may pipeline: the option, until one of them found the server out of step.</summary>
    internal PipeliningSwitch Pipelining { get; }

    /// <summary>When the pool's connections last made progress; also what a mount's request watchdog looks at.</summary>
    public PoolActivity Activity => _activity;

    /// <summary>
    /// Raised (on the waiting caller's thread; handlers must not block) each time a caller starts to wait for a
    /// connection, so a holder that is idle between uses can give its connection back.
    /// </summary>
    public event Action? ConnectionWanted;

    /// <summary>Callers waiting for a connection right now.</summary>
    public int WaitingCount
    {
        get
        {
            lock (_lock)
            {
                return _waiters.Count;
            }
        }
    }

    /// <summary>The current upper bound of connections: the configured maximum, or less after the server refused more.</summary>
    public int Limit
    {
        get
        {
            lock (_lock)
            {
                return _limit;
            }
        }
    }

    /// <summary>Connections open or being opened.</summary>
    public int OpenCount
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    public int IdleCount
    {
        get
        {
            lock (_lock)
            {
                return _idle.Count;
            }
        }
    }

    /// <summary>
    /// Waits for a session: reused, new, or handed over by another caller. Gives up when the pool made no progress
    /// for <see cref="FtpClientOptions.PoolWaitTimeout"/> since the wait began.
    /// </summary>
    public ValueTask<FtpSessionLease> RentAsync(CancellationToken cancellationToken = default) => RentAsync(null, cancellationToken);

    /// <param name="deadline">The operation's clocks: they run during health checks and connecting, not while queued.</param>
    internal async ValueTask<FtpSessionLease> RentAsync(OperationDeadline? deadline, CancellationToken cancellationToken)
    {
        var waitingSince = _time.GetTimestamp();
        RetryBackoff? limitBackoff = null;
        while (true)
        {
            FtpSession? reused = null;
            TaskCompletionSource<FtpSession?>? waiter = null;
            var create = false;
            long idleSince = 0;
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                MaybeRegrow();
                if (TryTakeIdle(out var idle))
                {
                    reused = idle.Session;
                    idleSince = idle.ReturnedAt;
                }
                else if (_total < _limit)
                {
                    _total++;
                    create = true;
                }
                else
                {
                    waiter = new TaskCompletionSource<FtpSession?>(TaskCreationOptions.RunContinuationsAsynchronously);
                    _waiters.AddLast(waiter);
                }
            }

            if (reused is not null)
            {
                var healthy = false;
                try
                {
                    healthy = await IsHealthyAsync(reused, idleSince, deadline?.Start() ?? cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    if (!healthy)
                    {
                        Return(reused, discard: true);
                    }
                }

                if (healthy)
                {
                    return new FtpSessionLease(this, reused);
                }

                continue;
            }

            if (create)
            {
                var session = await TryCreateAsync(deadline?.Start() ?? cancellationToken).ConfigureAwait(false);
                if (session is not null)
                {
                    // Logging in took answers from the server.
                    deadline?.Progress();
                    return new FtpSessionLease(this, session);
                }

                // The server's limit was hit while nothing of ours was open to wait for: back off and try again,
                // for as long as something else makes progress (other clients of the server may leave).
                if (OpenCount == 0)
                {
                    ThrowIfQuiet(waitingSince);
                    deadline?.Pause();
                    limitBackoff ??= new RetryBackoff(_options.RetryBaseDelay, _time, Logger);
                    await limitBackoff.PauseAsync("a new connection", "the server's connection limit, with none of ours open", cancellationToken)
                        .ConfigureAwait(false);
                }

                continue;
            }

            deadline?.Pause();
            var handed = await WaitAsync(waiter!, waitingSince, cancellationToken).ConfigureAwait(false);
            if (handed is not null)
            {
                return new FtpSessionLease(this, handed);
            }
        }
    }

    /// <summary>
    /// Runs an operation on a pooled session under <see cref="RetryPolicy"/>: idempotent operations are retried on
    /// a fresh connection after the connection failed, until the server has not answered for
    /// <see cref="FtpClientOptions.OperationTimeout"/>.
    /// </summary>
    public Task<T> RunAsync<T>(
        string operation, bool idempotent, Func<FtpSession, CancellationToken, Task<T>> action, CancellationToken cancellationToken = default) =>
        RunAsync(operation, idempotent, null, action, cancellationToken);

    /// <param name="total">Time for the whole operation, retries included (listings); null: bounded by silence only.</param>
    internal Task<T> RunAsync<T>(
        string operation,
        bool idempotent,
        TimeSpan? total,
        Func<FtpSession, CancellationToken, Task<T>> action,
        CancellationToken cancellationToken = default) =>
        RetryPolicy.RunAsync(
            this,
            operation,
            idempotent,
            total,
            async (lease, ct) =>
            {
                var result = await action(lease.Session, ct).ConfigureAwait(false);
                await lease.DisposeAsync().ConfigureAwait(false);
                return result;
            },
            cancellationToken);

    public Task RunAsync(
        string operation, bool idempotent, Func<FtpSession, CancellationToken, Task> action, CancellationToken cancellationToken = default) =>
        RunAsync(
            operation,
            idempotent,
            async (session, ct) =>
            {
                await action(session, ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    internal TimeProvider Time => _time;

    internal ILogger Logger => _logger;

    internal void Return(FtpSession session, bool discard)
    {
        _activity.Touch();
        session.Control.OnProgress = null;
        var close = discard || session.IsBroken;
        lock (_lock)
        {
            if (!close && !_disposed)
            {
                while (_waiters.First is { } first)
                {
                    _waiters.RemoveFirst();
                    if (first.Value.TrySetResult(session))
                    {
                        return;
                    }
                }

                _idle.Enqueue(new IdleSession(session, _time.GetTimestamp()));
                return;
            }

            _total--;
            WakeOneWaiter();
        }

        _ = session.DisposeAsync().AsTask();
    }

    private async Task<FtpSession?> TryCreateAsync(CancellationToken cancellationToken)
    {
        try
        {
            var session = await _connect(cancellationToken).ConfigureAwait(false);
            session.Control.Activity = _activity;
            session.Pipelining = Pipelining;
            _activity.Touch();
            return session;
        }
        catch (FtpConnectionLimitException e)
        {
            Shrink(e.Reply?.ToString() ?? e.Message);
            return null;
        }
        catch (Exception e)
        {
            lock (_lock)
            {
                _total--;
                if (e is FtpException)
                {
                    // Everyone queued now waits for the same unreachable server: tell them all at once, rather than
                    // letting each find out after its own connect deadline in turn. Their retry policy decides.
                    FailWaiters(e);
                }
                else
                {
                    WakeOneWaiter();
                }
            }

            throw;
        }
    }

    /// <summary>Lowers the limit to the connections the server did accept; it grows back one step per quiet interval.</summary>
    private void Shrink(string reason)
    {
        lock (_lock)
        {
            _total--;
            var old = _limit;
            _limit = Math.Max(1, _total);
            _lastShrink = _time.GetTimestamp();
            if (old != _limit)
            {
                FtpLog.PoolShrunk(_logger, reason, old, _limit);
            }
        }
    }

    /// <summary>Caller holds the lock. A server's limit may have been temporary (other clients left): probe again slowly.</summary>
    private void MaybeRegrow()
    {
        if (_limit < _options.MaxConnections && _lastShrink != 0 && _time.GetElapsedTime(_lastShrink) >= LimitRecoveryInterval)
        {
            _limit++;
            _lastShrink = _time.GetTimestamp();
        }
    }

    /// <summary>
    /// Waits in line until handed a session (or a free slot: null), for as long as the pool makes progress. Giving
    /// up cancels the waiter first, so a session handed over at that very moment is never lost.
    /// </summary>
    private async Task<FtpSession?> WaitAsync(TaskCompletionSource<FtpSession?> waiter, long waitingSince, CancellationToken cancellationToken)
    {
        ConnectionWanted?.Invoke();
        using var registration = cancellationToken.Register(
            static state => ((TaskCompletionSource<FtpSession?>)state!).TrySetCanceled(), waiter);
        try
        {
            while (true)
            {
                var left = _options.PoolWaitTimeout - _activity.QuietFor(waitingSince);
                if (left <= TimeSpan.Zero && waiter.TrySetCanceled(CancellationToken.None))
                {
                    throw NoProgress();
                }

                try
                {
                    return await waiter.Task.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, _time, CancellationToken.None).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // Look again: something may have made progress meanwhile.
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or FtpException)
        {
            lock (_lock)
            {
                _waiters.Remove(waiter);
            }

            throw;
        }
    }

    private void ThrowIfQuiet(long waitingSince)
    {
        if (_activity.QuietFor(waitingSince) >= _options.PoolWaitTimeout)
        {
            throw NoProgress();
        }
    }

    private FtpTimeoutException NoProgress() => new(
        $"No FTP connection became free: none made progress for {_options.PoolWaitTimeout.TotalSeconds:0.#} s (pool limit {Limit}).")
    {
        WhileQueued = true,
    };

    private async Task<bool> IsHealthyAsync(FtpSession session, long idleSince, CancellationToken cancellationToken)
    {
        if (session.IsBroken)
        {
            return false;
        }

        if (session.HasStaleReadyData)
        {
            FtpLog.DiscardingConnection(_logger, "its data connection made ahead went unused for too long");
            return false;
        }

        if (_time.GetElapsedTime(idleSince) < _options.HealthCheckAfter)
        {
            return true;
        }

        try
        {
            await session.NoopAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (FtpException e)
        {
            FtpLog.DiscardingConnection(_logger, $"health check failed: {e.Message}");
            return false;
        }
    }

    /// <summary>Fails every waiter with the error that ended a connection attempt. Caller holds the lock.</summary>
    private void FailWaiters(Exception error)
    {
        foreach (var waiter in _waiters)
        {
            waiter.TrySetException(error);
        }

        _waiters.Clear();
    }

    /// <summary>
    /// Caller holds the lock. A session with a data connection made ahead goes first, whatever the caller wants: the
    /// next transfer (an upload in a row, most likely) finds it ready, and it is used before it goes stale.
    /// </summary>
    private bool TryTakeIdle(out IdleSession taken)
    {
        taken = default;
        var found = false;
        var count = _idle.Count;
        for (var i = 0; i < count; i++)
        {
            var idle = _idle.Dequeue();
            if (!found && idle.Session.HasReadyData)
            {
                taken = idle;
                found = true;
            }
            else
            {
                _idle.Enqueue(idle);
            }
        }

        return found || _idle.TryDequeue(out taken);
    }

    /// <summary>Tells one waiter that a slot is free so it can open a connection itself. Caller holds the lock.</summary>
    private void WakeOneWaiter()
    {
        while (_waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            if (first.Value.TrySetResult(null))
            {
                return;
            }
        }
    }

    private void EvictIdle()
    {
        List<FtpSession>? expired = null;
        lock (_lock)
        {
            var count = _idle.Count;
            for (var i = 0; i < count; i++)
            {
                var idle = _idle.Dequeue();
                if (_time.GetElapsedTime(idle.ReturnedAt) >= _options.IdleTimeout || idle.Session.IsBroken || idle.Session.HasStaleReadyData)
                {
                    (expired ??= []).Add(idle.Session);
                    _total--;
                    WakeOneWaiter();
                }
                else
                {
                    _idle.Enqueue(idle);
                }
            }
        }

        if (expired is not null)
        {
            foreach (var session in expired)
            {
                _ = session.DisposeAsync().AsTask();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<FtpSession> idle;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            idle = [.. _idle.Select(i => i.Session)];
            _idle.Clear();
            _total -= idle.Count;
            foreach (var waiter in _waiters)
            {
                waiter.TrySetException(new ObjectDisposedException(nameof(FtpConnectionPool)));
            }

            _waiters.Clear();
        }

        await _evictionTimer.DisposeAsync().ConfigureAwait(false);
        foreach (var session in idle)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }
}
