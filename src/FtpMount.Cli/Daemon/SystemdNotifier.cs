using System.Net.Sockets;
using System.Text;

namespace FtpMount.Cli.Daemon;

/// <summary>
/// sd_notify(3) without libsystemd: one datagram to the Unix socket in <c>$NOTIFY_SOCKET</c> (a leading '@' means the
/// abstract namespace). Does nothing when the variable is unset, so Type=notify units work and others are unaffected.
/// </summary>
internal sealed class SystemdNotifier(string? socketPath)
{
    public const string Variable = "NOTIFY_SOCKET";

    public static SystemdNotifier FromEnvironment() => new(Environment.GetEnvironmentVariable(Variable));

    public bool IsEnabled => !string.IsNullOrEmpty(socketPath);

    /// <summary>Sends e.g. <c>READY=1</c>; returns false (never throws) when there is no socket or sending failed.</summary>
    public bool TryNotify(string state)
    {
        if (!IsEnabled)
        {
            return false;
        }

        var path = socketPath![0] == '@' ? "\0" + socketPath[1..] : socketPath;
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(path));
            socket.Send(Encoding.UTF8.GetBytes(state));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
