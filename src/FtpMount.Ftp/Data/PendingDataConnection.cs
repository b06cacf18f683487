using System.Net;
using System.Net.Sockets;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Transfers;
using FtpMount.Ftp.Protocol;

namespace FtpMount.Ftp.Data;

/// <summary>A data connection between negotiation and the transfer command: connected (passive) or listening (active).</summary>
internal sealed class PendingDataConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly IPAddress? _expectedPeer;
    private bool _handedOver;

    private PendingDataConnection(Socket socket, IPAddress? expectedPeer)
    {
        _socket = socket;
        _expectedPeer = expectedPeer;
    }

    public static PendingDataConnection Connected(Socket socket) => new(socket, null);

    public static PendingDataConnection Listening(Socket listener, IPAddress expectedPeer) => new(listener, expectedPeer);

    /// <summary>Returns the data stream; in active mode waits for the server to connect back.</summary>
    public async Task<Stream> OpenAsync(FtpClientOptions options, CancellationToken cancellationToken)
    {
        var timeout = options.ConnectTimeout;
        Socket data;
        if (_expectedPeer is null)
        {
            data = _socket;
        }
        else
        {
            data = await Deadline.RunAsync(
                static (listener, ct) => listener.AcceptAsync(ct),
                _socket,
                timeout,
                "the server to open the active-mode data connection",
                cancellationToken).ConfigureAwait(false);
            var peer = ((IPEndPoint)data.RemoteEndPoint!).Address;
            if (!Same(peer, _expectedPeer))
            {
                data.Dispose();
                throw new FtpProtocolException($"Active-mode data connection came from {peer}, not the server; refused.");
            }

            _socket.Dispose();
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
        if (!_handedOver || _expectedPeer is not null)
        {
            _socket.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
