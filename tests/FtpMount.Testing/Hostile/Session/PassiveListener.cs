using System.Net;
using System.Net.Sockets;

namespace FtpMount.Testing.Hostile.Session;

/// <summary>The listener one PASV or EPSV opened on 127.0.0.1 for the next transfer's data connection.</summary>
internal sealed class PassiveListener : IDisposable
{
    private readonly Socket _socket;

    private PassiveListener(Socket socket)
    {
        _socket = socket;
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public static PassiveListener Start()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            socket.Listen(4);
            return new PassiveListener(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async ValueTask<Socket> AcceptAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var data = await IoDeadline.RunAsync(
            ct => _socket.AcceptAsync(ct), timeout, "Waiting for the data connection", cancellationToken).ConfigureAwait(false);
        data.NoDelay = true;
        return data;
    }

    public void Dispose() => _socket.Dispose();
}
