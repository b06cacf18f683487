using System.Net.Sockets;

namespace FtpMount.FtpProxy.Relay;

/// <summary>
/// One client socket joined to one upstream socket by two <see cref="DelayedPipe"/>s. Ends gracefully once both
/// directions have forwarded end of stream, or abortively (RST on both sides) on any failure or fault.
/// </summary>
internal sealed class ProxiedConnection : IDisposable
{
    private const int Open = 0;
    private const int Aborted = 1;
    private const int Closed = 2;

    private readonly Socket _client;
    private readonly Socket _upstream;
    private readonly LinkConditions _link;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly DelayedPipe _toUpstream;
    private readonly DelayedPipe _toClient;
    private readonly Lock _cutLock = new();
    private readonly Lock _lifetimeLock = new();
    private bool _lifetimeDisposed;
    private long _dataBytes;
    private DataCutRule? _seenRule;
    private long _ruleBaseline;
    private long _passedBytes;
    private readonly Dictionary<DataByteTrigger, long> _triggerBaselines = [];
    private int _state;

    public ProxiedConnection(
        int id, Socket client, Socket upstream, bool isData, LinkConditions link, IStreamFilter? toClientFilter, IStreamFilter? toUpstreamFilter = null)
    {
        Id = id;
        _client = client;
        _upstream = upstream;
        _link = link;
        IsData = isData;
        _toUpstream = new DelayedPipe(client, upstream, this, link, RelayDirection.ToUpstream, toUpstreamFilter);
        _toClient = new DelayedPipe(upstream, client, this, link, RelayDirection.ToClient, toClientFilter);
    }

    /// <summary>Numbers the proxy's connections, control and data, from 1 in the order they were relayed.</summary>
    public int Id { get; }

    public bool IsData { get; }

    public async Task RunAsync(CancellationToken stopping)
    {
        using (stopping.Register(static state => ((ProxiedConnection)state!).Abort(), this))
        {
            await Task.WhenAll(_toUpstream.RunAsync(_lifetime.Token), _toClient.RunAsync(_lifetime.Token))
                .ConfigureAwait(false);
        }

        if (Interlocked.CompareExchange(ref _state, Closed, Open) == Open)
        {
            // Both directions already sent FIN; this only releases the descriptors.
            _client.Dispose();
            _upstream.Dispose();
        }
    }

    /// <summary>Abortive close of both sides: linger 0 makes close() send RST instead of FIN.</summary>
    public void Abort()
    {
        if (Interlocked.CompareExchange(ref _state, Aborted, Open) != Open)
        {
            return;
        }

        // Cancel first so no receive or send is pending on the sockets when they close. Under the lock because
        // Dispose may run at the same moment when both directions end just as a fault resets the connection.
        lock (_lifetimeLock)
        {
            if (!_lifetimeDisposed)
            {
                _lifetime.Cancel();
            }
        }

        Reset(_client);
        Reset(_upstream);
    }

    /// <summary>How many of <paramref name="wanted"/> bytes may pass before the data-cut rule ends this connection.</summary>
    public int Admit(int wanted)
    {
        if (!IsData)
        {
            return wanted;
        }

        var rule = _link.DataCut;
        lock (_cutLock)
        {
            if (!ReferenceEquals(rule, _seenRule))
            {
                // A rule set while this connection was open counts from the bytes passed at that point.
                _seenRule = rule;
                _ruleBaseline = _dataBytes;
            }

            var allowed = rule is null ? wanted : (int)Math.Clamp(rule.Bytes - (_dataBytes - _ruleBaseline), 0, wanted);
            _dataBytes += allowed;
            return allowed;
        }
    }

    /// <summary>
    /// Counts <paramref name="bytes"/> just forwarded on a data connection and fires the triggers whose count this
    /// connection has now passed, before its pipe forwards anything more.
    /// </summary>
    public void Passed(int bytes)
    {
        var triggers = _link.DataTriggers;
        if (!IsData || bytes == 0 || triggers.Count == 0)
        {
            return;
        }

        List<DataByteTrigger>? due = null;
        lock (_cutLock)
        {
            var before = _passedBytes;
            _passedBytes += bytes;
            foreach (var trigger in triggers)
            {
                // A trigger armed while this connection was open counts from the bytes passed at that point.
                if (!_triggerBaselines.TryGetValue(trigger, out var baseline))
                {
                    baseline = before;
                    _triggerBaselines[trigger] = baseline;
                }

                if (_passedBytes - baseline >= trigger.Bytes)
                {
                    (due ??= []).Add(trigger);
                }
            }
        }

        foreach (var trigger in due ?? [])
        {
            _link.Disarm(trigger);
            trigger.Fire();
        }
    }

    /// <summary>Only after <see cref="RunAsync"/> has returned; <see cref="Abort"/> is a no-op from then on.</summary>
    public void Dispose()
    {
        if (Interlocked.CompareExchange(ref _state, Closed, Open) == Open)
        {
            _client.Dispose();
            _upstream.Dispose();
        }

        _toUpstream.Dispose();
        _toClient.Dispose();
        lock (_lifetimeLock)
        {
            _lifetimeDisposed = true;
            _lifetime.Dispose();
        }
    }

    internal static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed: nothing to reset.
        }

        socket.Dispose();
    }
}
