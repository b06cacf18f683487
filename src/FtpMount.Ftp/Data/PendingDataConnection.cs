using System.Net;
using System.Net.Sockets;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Transfers;
using FtpMount.Ftp.Protocol;

namespace FtpMount.Ftp.Data;

/// <summary>
/// A data connection between negotiation and the transfer command: connecting or connected (passive) or listening
/// (active). A passive connect may still be on its way while the transfer command travels (one round trip fewer);
/// whatever happens, the socket is closed unless <see cref="OpenAsync"/> handed it over.
/// </summary>
internal sealed class PendingDataConnection : IAsyncDisposable
{
    private readonly Task<Socket>? _connecting;
    private readonly Socket? _listener;
    private readonly IPAddress? _expectedPeer;
    private bool _handedOver;

    private PendingDataConnection(Task<Socket>? connecting, Socket? listener, IPAddress? expectedPeer, bool madeAhead = false)
    {
        _connecting = connecting;
        _listener = listener;
        _expectedPeer = expectedPeer;
        MadeAhead = madeAhead;
    }

    /// <summary>A passive connection, connected or still connecting; <paramref name="madeAhead"/>: see <see cref="ReadyDataConnection"/>.</summary>
    public static PendingDataConnection Connecting(Task<Socket> connecting, bool madeAhead = false) => new(connecting, null, null, madeAhead);

    /// <summary>Negotiated before the transfer command was known, while the control connection was idle.</summary>
    public bool MadeAhead { get; }

    public static PendingDataConnection Listening(Socket listener, IPAddress expectedPeer) => new(null, listener, expectedPeer);

    /// <summary>
    /// The connection was made and the server's side has closed it since: readable with nothing to read. A server
    /// sends nothing on a data connection before its transfer command, so that is all readability can mean.
    /// </summary>
    public bool ClosedByPeer()
    {
        if (_connecting is not { IsCompletedSuccessfully: true } connecting)
        {
            return false;
        }

        try
        {
            var socket = connecting.Result;
            return socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>The passive connect still running, to wait for together with the transfer command's reply.</summary>
    public Task? Connect => _connecting;

    /// <summary>Returns the data stream; in active mode waits for the server to connect back.</summary>
    public async Task<Stream> OpenAsync(FtpClientOptions options, CancellationToken cancellationToken)
    {
        var timeout = options.ConnectTimeout;
        Socket data;
        if (_connecting is { } connecting)
        {
            data = await connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            data = await Deadline.RunAsync(
                static (listener, ct) => listener.AcceptAsync(ct),
                _listener!,
                timeout,
                "the server to open the active-mode data connection",
                cancellationToken).ConfigureAwait(false);
            var peer = ((IPEndPoint)data.RemoteEndPoint!).Address;
            if (!Same(peer, _expectedPeer!))
            {
                data.Dispose();
                throw new FtpProtocolException($"Active-mode data connection came from {peer}, not the server; refused.");
            }

            _listener!.Dispose();
        }

        data.NoDelay = true;
        BandwidthLimit.SizeBuffers(data, options.DownloadBytesPerSecond, options.UploadBytesPerSecond);
        _handedOver = true;
        return new NetworkStream(data, ownsSocket: true);
    }

    private static bool Same(IPAddress a, IPAddress b) =>
        (a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).Equals(b.IsIPv4MappedToIPv6 ? b.MapToIPv4() : b);

    public ValueTask DisposeAsync()
    {
        _listener?.Dispose();
        if (!_handedOver && _connecting is { } connecting)
        {
            // Unused (the transfer command was refused, or waiting was cancelled): a connect still running is closed
            // the moment it ends, bounded by its own deadline; the caller does not wait for it.
            _ = connecting.ContinueWith(
                static t =>
                {
                    if (t.IsCompletedSuccessfully)
                    {
                        t.Result.Dispose();
                    }

                    _ = t.Exception;
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        return ValueTask.CompletedTask;
    }
}
