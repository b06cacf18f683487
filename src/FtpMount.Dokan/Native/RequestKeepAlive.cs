using Microsoft.Extensions.Logging;

namespace FtpMount.Dokan.Native;

/// <summary>
/// Keeps the requests our callbacks are serving alive at the driver. A request still pending after its deadline is
/// completed by the driver with STATUS_INSUFFICIENT_RESOURCES, a create cancelled (ReleaseTimeoutPendingIrp,
/// sys/timeout.c), while our callback goes on; a create that then succeeds leaves an open that no Cleanup or
/// CloseFile will ever release. So every callback holds a <see cref="Lease"/> while it runs, and one thread resets
/// the deadline of every held request with DokanResetTimeout each <see cref="DokanMountOptions.KeepAliveInterval"/>.
/// </summary>
/// <remarks>
/// A reset does not add to the deadline, it sets it to now + Timeout, Timeout cut to
/// DOKAN_IRP_PENDING_TIMEOUT_RESET_MAX (DokanResetPendingIrpTimeout and DokanUpdateTimeout, sys/timeout.c); the
/// options keep Timeout within that, so each reset buys a whole deadline. A dedicated thread rather than a timer:
/// the thread pool may be starved exactly when requests are slow.
/// </remarks>
internal sealed unsafe partial class RequestKeepAlive : IDisposable
{
    private readonly IDokanLibrary _library;
    private readonly uint _resetMilliseconds;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;

    // Guards _held and is held while resetting: a DOKAN_FILE_INFO is valid only until its callback returns, and a
    // lease's Dispose takes this lock, so no reset can reach a request whose callback has returned.
    private readonly Lock _gate = new();
    private readonly List<nint> _held = [];
    private readonly ManualResetEventSlim _stopping = new();
    private readonly Thread _thread;
    private int _failureLogged;

    public RequestKeepAlive(IDokanLibrary library, DokanMountOptions options, ILogger logger)
        : this(library, options.TimeoutMilliseconds, options.KeepAliveInterval, logger)
    {
    }

    /// <param name="interval">The tests' seam: how often held requests are reset.</param>
    internal RequestKeepAlive(IDokanLibrary library, uint resetMilliseconds, TimeSpan interval, ILogger logger)
    {
        _library = library;
        _resetMilliseconds = resetMilliseconds;
        _interval = interval;
        _logger = logger;
        _thread = new Thread(Run)
        {
            IsBackground = true,
            Name = "dokan keep-alive",
        };
        _thread.UnsafeStart();
    }

    /// <summary>Requests held now; for tests.</summary>
    internal int HeldCount
    {
        get
        {
            lock (_gate)
            {
                return _held.Count;
            }
        }
    }

    /// <summary>Keeps <paramref name="info"/>'s request alive until the lease is disposed, which the callback does before it returns.</summary>
    public Lease Hold(DOKAN_FILE_INFO* info)
    {
        lock (_gate)
        {
            _held.Add((nint)info);
        }

        return new Lease(this, (nint)info);
    }

    /// <summary>
    /// For ZwCreateFile: resets the deadline at once, then holds. The driver starts the deadline when the request
    /// is queued (DokanRegisterPendingIrp, sys/event.c), possibly long before a library thread hands it to us; from
    /// now on it counts from our start, so the create's own deadline (RemoteDokanOptions.RequestTimeout, validated
    /// against the driver's) ends first even if no later reset gets through.
    /// </summary>
    public Lease HoldFromNow(DOKAN_FILE_INFO* info)
    {
        Reset((nint)info);
        return Hold(info);
    }

    /// <summary>One round of resets, as the thread does it each interval.</summary>
    internal void ResetHeld()
    {
        lock (_gate)
        {
            foreach (var info in _held)
            {
                Reset(info);
            }
        }
    }

    public void Dispose()
    {
        _stopping.Set();
        if (Thread.CurrentThread != _thread)
        {
            _thread.Join();
        }
    }

    private void Release(nint info)
    {
        lock (_gate)
        {
            _held.Remove(info);
        }
    }

    private void Run()
    {
        while (!_stopping.Wait(_interval))
        {
            ResetHeld();
        }
    }

    private void Reset(nint info)
    {
        try
        {
            if (_library.ResetTimeout(_resetMilliseconds, (DOKAN_FILE_INFO*)info))
            {
                return;
            }
        }
        catch (Exception exception)
        {
            // Nothing may unwind into the keep-alive thread or a callback; the request then keeps its deadline.
            LogOnce(exception);
            return;
        }

        LogOnce(null);
    }

    private void LogOnce(Exception? exception)
    {
        if (Interlocked.Exchange(ref _failureLogged, 1) == 0)
        {
            LogResetFailed(_logger, exception);
        }
    }

    [LoggerMessage(EventId = 406, Level = LogLevel.Warning,
        Message = "DokanResetTimeout failed; requests that take longer than the driver's deadline may be cut off (reported once)")]
    private static partial void LogResetFailed(ILogger logger, Exception? exception);

    /// <summary>One callback's hold on its request; disposing it ends the keep-alive.</summary>
    public readonly struct Lease(RequestKeepAlive? owner, nint info) : IDisposable
    {
        public void Dispose() => owner?.Release(info);
    }
}
