using System.Net;
using System.Net.Sockets;

namespace FtpMount.FtpProxy.Control;

/// <summary>
/// The proxy's side of one passive reply: a 127.0.0.1 listener that takes exactly one data connection, as a server
/// does (one transfer per PASV/EPSV), and then closes.
/// </summary>
internal sealed class DataListener : IDisposable
{
    private readonly Socket _socket;

    private DataListener(Socket socket, int port)
    {
        _socket = socket;
        Port = port;
    }

    public int Port { get; }

    public static DataListener Start()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            socket.Listen(1);
            return new DataListener(socket, ((IPEndPoint)socket.LocalEndPoint!).Port);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The accepted socket, or null when the wait timed out, was cancelled or the listener was closed.</summary>
    public async Task<Socket?> AcceptOneAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await _socket.AcceptAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            return null;
        }
        finally
        {
            _socket.Dispose();
        }
    }

    public void Dispose() => _socket.Dispose();
}
