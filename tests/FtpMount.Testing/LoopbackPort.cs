using System.Net;
using System.Net.Sockets;

namespace FtpMount.Testing;

/// <summary>Picks a TCP port on 127.0.0.1 that nothing listens on right now (also for the benchmark's private sshd).</summary>
public static class LoopbackPort
{
    /// <summary>
    /// Binds port 0 and releases it. Another process can still take the port before the daemon binds it;
    /// <see cref="FtpTestServer.StartAsync"/> retries with a new port when the daemon reports that.
    /// </summary>
    public static int PickFree()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
