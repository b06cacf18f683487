using System.Buffers;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Tls;
using Microsoft.Extensions.Logging;

namespace FtpMount.Ftp.Protocol;

/// <summary>
/// One control connection: a socket (optionally wrapped in TLS), command writing and reply reading, every wait
/// under a deadline. Any timeout, reset or protocol error marks it broken: its state is unknown from then on.
/// </summary>
internal sealed class FtpControlConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly FtpClientOptions _options;
    private readonly ILogger _logger;
    private readonly FtpReplyReader _reader;
    private Stream _stream;
    private int _disposed;

    private FtpControlConnection(Socket socket, Stream stream, FtpClientOptions options, ILogger logger)
    {
        _socket = socket;
        _stream = stream;
        _options = options;
        _logger = logger;
        _reader = new FtpReplyReader(stream, options.NameEncoding);
        // Dual-mode sockets report IPv4 peers as ::ffff:a.b.c.d; data connections and EPRT need the plain form.
        RemoteAddress = Plain(((IPEndPoint)socket.RemoteEndPoint!).Address);
        LocalAddress = Plain(((IPEndPoint)socket.LocalEndPoint!).Address);
    }

    private static IPAddress Plain(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    public IPAddress RemoteAddress { get; }

    public IPAddress LocalAddress { get; }

    public bool IsTls => _stream is SslStream;

    public bool IsBroken { get; private set; }

    /// <summary>Told of every reply and every data transfer step once the connection belongs to a pool.</summary>
    internal Pool.PoolActivity? Activity { get; set; }

    /// <summary>Told of the same while an operation's deadline runs on this connection (see <see cref="Pool.OperationDeadline"/>).</summary>
    internal Action? OnProgress { get; set; }

    /// <summary>The server answered: a complete reply, or data moved.</summary>
    internal void NoteProgress()
    {
        Activity?.Touch();
        OnProgress?.Invoke();
    }

    public static async Task<FtpControlConnection> ConnectAsync(
        FtpClientOptions options, FtpTlsSettings? tls, ILogger logger, CancellationToken cancellationToken)
    {
        var socket = await OpenSocketAsync(options.Host, options.Port, options.ConnectTimeout, "control connection", cancellationToken)
            .ConfigureAwait(false);
        try
        {
            // Keepalive lets the kernel notice a dead peer during long transfers, when no command is in flight.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.NoDelay = true;
            Stream stream = new NetworkStream(socket, ownsSocket: false);
            if (tls is not null)
            {
                stream = await AuthenticateAsync(stream, tls, options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            }

            return new FtpControlConnection(socket, stream, options, logger);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Opens a TCP connection with a deadline; host names resolve to every address, tried in order.</summary>
    public static async Task<Socket> OpenSocketAsync(
        string host, int port, TimeSpan timeout, string purpose, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await Deadline.RunAsync(
                static async (s, ct) =>
                {
                    await s.socket.ConnectAsync(s.host, s.port, ct).ConfigureAwait(false);
                    return true;
                },
                (socket, host, port),
                timeout,
                $"{purpose} to {host}:{port}",
                cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch (FtpConnectionLostException e)
        {
            socket.Dispose();
            throw new FtpConnectionLostException($"Cannot connect to {host}:{port} ({purpose}): {Reason(e)}.", e.InnerException);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static string Reason(Exception e) =>
        e.InnerException is SocketException se ? se.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused",
            SocketError.HostNotFound or SocketError.NoData => "host not found",
            SocketError.NetworkUnreachable or SocketError.HostUnreachable => "host unreachable",
            _ => se.SocketErrorCode.ToString(),
        } : e.Message;

    /// <summary>Performs a client TLS handshake with the endpoint's shared settings (same target host for control and data).</summary>
    public static async Task<SslStream> AuthenticateAsync(
        Stream inner, FtpTlsSettings tls, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        try
        {
            await Deadline.RunAsync(
                static async (s, ct) =>
                {
                    await s.ssl.AuthenticateAsClientAsync(s.tls.CreateOptions(), ct).ConfigureAwait(false);
                    return true;
                },
                (ssl, tls),
                timeout,
                "the TLS handshake",
                cancellationToken).ConfigureAwait(false);
            return ssl;
        }
        catch (Exception e) when (e is AuthenticationException || e.InnerException is AuthenticationException)
        {
            var auth = e as AuthenticationException ?? (AuthenticationException)e.InnerException!;
            await ssl.DisposeAsync().ConfigureAwait(false);
            var why = tls.LastRejection is { } rejection
                ? $"the server certificate was refused: {rejection}"
                : auth.Message;
            throw new FtpTlsException($"TLS handshake failed: {why}.", null, auth);
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Wraps the control stream in TLS after a 234 reply to AUTH TLS.</summary>
    public async Task UpgradeToTlsAsync(FtpTlsSettings tls, CancellationToken cancellationToken)
    {
        try
        {
            var ssl = await AuthenticateAsync(_stream, tls, _options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            _stream = ssl;
            var dropped = _reader.ReplaceStream(ssl);
            if (dropped > 0)
            {
                FtpLog.DroppedPlaintext(_logger, dropped);
            }
        }
        catch
        {
            IsBroken = true;
            throw;
        }
    }

    /// <summary>Sends one command and reads its reply.</summary>
    public async ValueTask<FtpReply> ExecuteAsync(string command, CancellationToken cancellationToken)
    {
        await SendAsync(command, cancellationToken).ConfigureAwait(false);
        return await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends one command whose reply the caller reads next. Refuses (<see cref="FtpOutOfStepException"/>, nothing
    /// sent) when bytes are already waiting: they would be read as this command's reply.
    /// </summary>
    public ValueTask SendAsync(string command, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        EnsureSafe(command);
        EnsureInStep(command);
        return WriteCommandAsync(command, cancellationToken);
    }

    /// <summary>
    /// Sends a command while replies may still be on their way (ABOR and its NOOP after a transfer stopped early,
    /// QUIT): the caller drains them itself.
    /// </summary>
    public ValueTask SendWithRepliesPendingAsync(string command, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        EnsureSafe(command);
        return WriteCommandAsync(command, cancellationToken);
    }

    /// <summary>
    /// Sends several commands in one write (pipelining): RFC 959 servers read the control connection as a stream of
    /// lines and answer them in order, so the caller then reads one reply per command, in the same order. Like
    /// <see cref="SendAsync"/> it refuses when bytes are already waiting, and nothing is sent when any command is
    /// unsafe or cannot be written in the server's encoding.
    /// </summary>
    public ValueTask SendFlightAsync(IReadOnlyList<string> commands, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        ArgumentOutOfRangeException.ThrowIfZero(commands.Count);
        foreach (var command in commands)
        {
            EnsureSafe(command);
        }

        EnsureInStep(commands[0]);
        return WriteCommandsAsync(commands, cancellationToken);
    }

    private ValueTask WriteCommandAsync(string command, CancellationToken cancellationToken) =>
        WriteCommandsAsync([command], cancellationToken);

    private async ValueTask WriteCommandsAsync(IReadOnlyList<string> commands, CancellationToken cancellationToken)
    {
        // Names in the server's encoding; one it cannot write throws here, before anything is sent.
        var names = _options.NameEncoding;
        var length = 0;
        foreach (var command in commands)
        {
            length += names.GetByteCount(command) + 2;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = 0;
            foreach (var command in commands)
            {
                written += names.GetBytes(command, buffer.AsSpan(written));
                buffer[written++] = (byte)'\r';
                buffer[written++] = (byte)'\n';
            }

            foreach (var command in commands)
            {
                FtpLog.Command(_logger, command.StartsWith("PASS ", StringComparison.Ordinal) ? "PASS ***" : command);
            }

            await Guard(
                static async (s, ct) =>
                {
                    await s.stream.WriteAsync(s.buffer.AsMemory(0, s.length), ct).ConfigureAwait(false);
                    await s.stream.FlushAsync(ct).ConfigureAwait(false);
                    return true;
                },
                (stream: _stream, buffer, length),
                "the server to take a command",
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async ValueTask<FtpReply> ReadReplyAsync(CancellationToken cancellationToken) =>
        await ReadReplyAsync(_options.ReplyTimeout, cancellationToken).ConfigureAwait(false);

    public async ValueTask<FtpReply> ReadReplyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var reply = await Guard(
            static (reader, ct) => reader.ReadAsync(ct),
            _reader,
            "a reply from the server",
            cancellationToken,
            timeout).ConfigureAwait(false);
        NoteProgress();
        FtpLog.Reply(_logger, reply.Code, FtpReplyReader.Printable(reply.Message));
        if (reply.Code == 421)
        {
            // RFC 959: 421 means the server is closing the control connection.
            IsBroken = true;
        }

        return reply;
    }

    /// <summary>
    /// Between commands nothing may be waiting: every reply has been read. Anything else is a reply nobody asked for,
    /// and pairing it with the next command would report that command's result wrongly (an extra 250 after a
    /// listing's 226 made a refused DELE look successful). Under TLS only TLS 1.2 connections are checked at the
    /// socket: TLS 1.3 servers send session tickets after the handshake, which are bytes but no reply.
    /// </summary>
    private void EnsureInStep(string command)
    {
        var buffered = _reader.BufferedCount;
        var pending = 0;
        if (_stream is not SslStream ssl || ssl.SslProtocol == SslProtocols.Tls12)
        {
            try
            {
                pending = _socket.Available;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The socket is gone; the write below reports it.
            }
        }

        if (buffered == 0 && pending == 0)
        {
            return;
        }

        IsBroken = true;
        var verb = command.Split(' ', 2)[0];
        var excerpt = buffered > 0 ? _reader.BufferedText() : _stream is SslStream ? "(encrypted)" : PeekSocketText();
        FtpLog.OutOfStep(_logger, buffered + pending, verb, excerpt);
        throw new FtpOutOfStepException(
            $"The server sent {buffered + pending} bytes nobody asked for (\"{excerpt}\") before {verb}; the control " +
            $"connection is out of step and was closed, and {verb} was not sent.");
    }

    private string PeekSocketText()
    {
        var peek = new byte[80];
        try
        {
            var count = _socket.Receive(peek, SocketFlags.Peek);
            return FtpReplyReader.Printable(Encoding.UTF8.GetString(peek, 0, count));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return string.Empty;
        }
    }

    /// <summary>Marks the connection unusable, e.g. after a transfer could not be drained in time.</summary>
    public void MarkBroken() => IsBroken = true;

    /// <summary>
    /// A reply in a flight that answers no <paramref name="verb"/> sent there: which command it belongs to is unknown,
    /// so the connection is marked unusable; the caller throws what this returns (and turns pipelining off).
    /// </summary>
    public FtpPipeliningException OutOfStep(FtpReply reply, string verb)
    {
        MarkBroken();
        return new FtpPipeliningException(
            $"The server answered {verb} with {reply.Code} {FtpReplyReader.Printable(reply.Message)}, which is no answer to it: " +
            "its replies are out of step with the commands sent; the connection was closed.",
            reply);
    }

    private async ValueTask<T> Guard<T, TState>(
        Func<TState, CancellationToken, ValueTask<T>> operation,
        TState state,
        string waitingFor,
        CancellationToken cancellationToken,
        TimeSpan? timeout = null)
    {
        try
        {
            return await Deadline.RunAsync(operation, state, timeout ?? _options.ReplyTimeout, waitingFor, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is FtpException { BreaksConnection: true } or OperationCanceledException)
        {
            // A cancelled or failed wait leaves a reply unread or half a command written: never reuse this connection.
            IsBroken = true;
            throw;
        }
    }

    /// <summary>Refuses CR, LF and NUL anywhere in a command: they would end it early and inject another.</summary>
    internal static void EnsureSafe(string command)
    {
        if (command.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new FtpUnsafeArgumentException(
                "A path or argument contains CR, LF or NUL, which cannot be sent to an FTP server; it was refused.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        IsBroken = true;
        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // Already gone; nothing to release beyond the socket below.
        }

        _socket.Dispose();
        _reader.Dispose();
    }
}
