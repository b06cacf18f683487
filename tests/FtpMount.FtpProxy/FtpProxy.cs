using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using FtpMount.FtpProxy.Control;
using FtpMount.FtpProxy.Relay;

namespace FtpMount.FtpProxy;

/// <summary>
/// A loopback TCP proxy in front of one FTP server that adds latency, a bandwidth cap and faults, because the test
/// machines have no netem. Passive replies (227, 229) are rewritten so data connections pass the proxy as well.
/// </summary>
/// <remarks>
/// Plain FTP only: with AUTH TLS or implicit FTPS the replies are encrypted and cannot be rewritten, so data
/// connections would bypass the proxy. Implicit FTPS can still pass as a plain byte relay with
/// <see cref="FtpProxyOptions.RewritePassiveReplies"/> off (control connection only). Active mode (PORT/EPRT) is passed through unchanged; the server then
/// connects to the client directly, without delay or faults. The TCP handshake itself is not delayed.
/// </remarks>
public sealed class FtpProxy : IAsyncDisposable
{
    private static readonly TimeSpan UpstreamConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a passive relay waits for the client; servers time out unused data listeners similarly.</summary>
    private static readonly TimeSpan DataAcceptTimeout = TimeSpan.FromSeconds(60);

    private readonly IPEndPoint _upstream;
    private readonly Socket _listener;
    private readonly LinkConditions _link;
    private readonly CancellationTokenSource _stopping = new();
    private readonly BackgroundTasks _tasks = new();
    private readonly ConcurrentDictionary<ProxiedConnection, byte> _connections = new();
    private int _lastConnectionId;
    private int _dataConnections;
    private int _disposed;

    private FtpProxy(IPEndPoint upstream, Socket listener, LinkConditions link)
    {
        _upstream = upstream;
        _listener = listener;
        _link = link;
        Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    /// <summary>The proxy's control port on 127.0.0.1.</summary>
    public int Port { get; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    /// <summary>The link conditions; assign a new value (validated) to change them for traffic already in flight.</summary>
    public FtpProxyOptions Options
    {
        get => _link.Options;
        set => _link.Options = value;
    }

    public TimeSpan OneWayDelay
    {
        get => Options.OneWayDelay;
        set => _link.Update(o => o with { OneWayDelay = value });
    }

    public long? BandwidthBytesPerSecond
    {
        get => Options.BandwidthBytesPerSecond;
        set => _link.Update(o => o with { BandwidthBytesPerSecond = value });
    }

    public bool BlackHole
    {
        get => Options.BlackHole;
        set => _link.Update(o => o with { BlackHole = value });
    }

    public bool RefuseNewConnections
    {
        get => Options.RefuseNewConnections;
        set => _link.Update(o => o with { RefuseNewConnections = value });
    }

    /// <summary>Relayed connections currently open, control and data.</summary>
    public int ActiveConnections => _connections.Count;

    public int ActiveDataConnections
    {
        get
        {
            var count = 0;
            foreach (var connection in _connections.Keys)
            {
                if (connection.IsData)
                {
                    count++;
                }
            }

            return count;
        }
    }

    /// <summary>Payload bytes written out by the proxy, both directions, control and data.</summary>
    public long BytesRelayed => _link.BytesRelayed;

    /// <summary>Relay and accept tasks still running; zero after disposal.</summary>
    internal int RunningTasks => _tasks.Count;

    /// <summary>Starts listening on a free 127.0.0.1 port; every client connection is relayed to <paramref name="upstream"/>.</summary>
    public static FtpProxy Start(IPEndPoint upstream, FtpProxyOptions options) =>
        Start(upstream, options, TimeProvider.System, observer: null);

    /// <summary>
    /// As <see cref="Start(IPEndPoint, FtpProxyOptions)"/>, with the delay and the bandwidth cap measured on
    /// <paramref name="clock"/> and every chunk's schedule reported to <paramref name="observer"/>: the seam the
    /// proxy's own tests use to check its decisions without timing them.
    /// </summary>
    internal static FtpProxy Start(IPEndPoint upstream, FtpProxyOptions options, TimeProvider clock, IRelayObserver? observer)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var link = new LinkConditions(options, clock, observer);
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(128);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        var proxy = new FtpProxy(upstream, listener, link);
        proxy._tasks.TryRun(proxy.AcceptControlConnectionsAsync);
        return proxy;
    }

    /// <summary>Abortive close (RST to both peers) of every open control and data connection.</summary>
    public void ResetAllConnections()
    {
        foreach (var connection in _connections.Keys)
        {
            connection.Abort();
        }
    }

    /// <summary>
    /// From now on, resets every data connection once <paramref name="bytes"/> more bytes (both directions) have
    /// passed it: open ones count from this call, new ones from their start. Lasts until
    /// <see cref="StopResettingDataConnections"/>.
    /// </summary>
    public void ResetDataConnectionsAfter(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        _link.DataCut = new DataCutRule(bytes);
    }

    public void StopResettingDataConnections() => _link.DataCut = null;

    /// <summary>
    /// Places a fault by bytes instead of by time: once the first data connection has passed <paramref name="bytes"/>
    /// bytes (both directions; one open now counts from this call, a new one from its start), runs
    /// <paramref name="action"/> on that relay right after the piece holding byte N went out and before the next, once. The task completes after the
    /// action ran (faulted if it threw; cancelled if the proxy is disposed first), so a test can await
    /// "mid-transfer" and then kill the server, however slow the machine.
    /// </summary>
    public Task AfterDataBytes(long bytes, Action? action = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        var trigger = new DataByteTrigger(bytes, action);
        _link.Arm(trigger);
        if (Volatile.Read(ref _disposed) == 1)
        {
            _link.CancelTriggers();
        }

        return trigger.Fired;
    }

    /// <summary>
    /// Passes the next whole server reply on any control connection (text as Latin-1, with its CRLFs) to
    /// <paramref name="replace"/> and sends what it returns verbatim instead (null: send nothing). The result is
    /// not rewritten for passive mode. A throwing <paramref name="replace"/> resets that connection.
    /// </summary>
    public void ReplaceNextReply(Func<string, string?> replace)
    {
        ArgumentNullException.ThrowIfNull(replace);
        _link.ArmReplyReplacement(replace);
    }

    /// <summary>
    /// As <see cref="ReplaceNextReply"/>, for the next final reply to a <paramref name="verb"/> command ("RNTO",
    /// "SITE CHMOD") on any control connection: the proxy pairs replies with commands in order (RFC 959 §4.2), so
    /// this holds for pipelined commands too.
    /// </summary>
    public void ReplaceNextReplyTo(string verb, Func<string, string?> replace)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(verb);
        ArgumentNullException.ThrowIfNull(replace);
        _link.ArmReplyReplacement(replace, verb);
    }

    /// <summary>Every command relayed on any control connection, with counts of commands and round trips (with passive rewriting on).</summary>
    public CommandLog Commands { get; } = new();

    /// <summary>Data connections relayed since the proxy started.</summary>
    public int DataConnectionsRelayed => Volatile.Read(ref _dataConnections);

    /// <summary>Closes the listeners, resets every connection and waits for every relay task to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        ResetAllConnections();
        await _tasks.CloseAndWaitAsync().ConfigureAwait(false);
        _link.CancelTriggers();
        _stopping.Dispose();
    }

    private async Task AcceptControlConnectionsAsync()
    {
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // A client that gave up before accept (ECONNABORTED): keep serving the others.
                continue;
            }

            if (Admit(client) && !_tasks.TryRun(() => RelayControlAsync(client)))
            {
                ProxiedConnection.Reset(client);
            }
        }
    }

    private bool Admit(Socket client)
    {
        if (Options.RefuseNewConnections)
        {
            client.Dispose();
            return false;
        }

        // Relayed chunks are already coalesced by the pipe; Nagle would only add its own delay on top of ours.
        client.NoDelay = true;
        return true;
    }

    private async Task RelayControlAsync(Socket client)
    {
        var upstream = await ConnectOrResetAsync(_upstream, client).ConfigureAwait(false);
        if (upstream is null)
        {
            return;
        }

        // Ends the passive listeners this control connection opened and nobody used.
        using var controlLifetime = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        var lifetime = controlLifetime.Token;
        var conversation = new ControlConversation(Commands);
        IStreamFilter? rewriter = Options.RewritePassiveReplies
            ? new ControlReplyRewriter(_link, port => OpenDataRelay(port, lifetime), conversation)
            : null;
        var observer = Options.RewritePassiveReplies ? new CommandObserver(conversation) : null;
        try
        {
            await RunAsync(new ProxiedConnection(NextConnectionId(), client, upstream, isData: false, _link, rewriter, observer)).ConfigureAwait(false);
        }
        finally
        {
            await controlLifetime.CancelAsync().ConfigureAwait(false);
        }
    }

    private int? OpenDataRelay(int upstreamPort, CancellationToken controlLifetime)
    {
        if (controlLifetime.IsCancellationRequested)
        {
            return null;
        }

        var listener = DataListener.Start();
        if (!_tasks.TryRun(() => RelayDataAsync(listener, upstreamPort, controlLifetime)))
        {
            listener.Dispose();
            return null;
        }

        return listener.Port;
    }

    private async Task RelayDataAsync(DataListener listener, int upstreamPort, CancellationToken controlLifetime)
    {
        Socket? client;
        using (listener)
        {
            client = await listener.AcceptOneAsync(DataAcceptTimeout, controlLifetime).ConfigureAwait(false);
        }

        if (client is null || !Admit(client))
        {
            return;
        }

        // RFC 959 lets the 227 name any host; like our client, the proxy only trusts the port and keeps the host.
        var upstream = await ConnectOrResetAsync(new IPEndPoint(_upstream.Address, upstreamPort), client).ConfigureAwait(false);
        if (upstream is not null)
        {
            Interlocked.Increment(ref _dataConnections);
            await RunAsync(new ProxiedConnection(NextConnectionId(), client, upstream, isData: true, _link, toClientFilter: null)).ConfigureAwait(false);
        }
    }

    private int NextConnectionId() => Interlocked.Increment(ref _lastConnectionId);

    private async Task RunAsync(ProxiedConnection connection)
    {
        using (connection)
        {
            _connections.TryAdd(connection, 0);
            try
            {
                await connection.RunAsync(_stopping.Token).ConfigureAwait(false);
            }
            finally
            {
                _connections.TryRemove(connection, out _);
            }
        }
    }

    /// <summary>The connected upstream socket; when the server cannot be reached the client gets a reset instead.</summary>
    private async Task<Socket?> ConnectOrResetAsync(IPEndPoint endPoint, Socket client)
    {
        var upstream = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        deadline.CancelAfter(UpstreamConnectTimeout);
        try
        {
            await upstream.ConnectAsync(endPoint, deadline.Token).ConfigureAwait(false);
            return upstream;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            upstream.Dispose();
            ProxiedConnection.Reset(client);
            return null;
        }
    }
}
