using System.Net.Sockets;
using System.Text;

namespace FtpMount.Cli.Tests.Installer;

/// <summary>Stands in for systemd's <c>$NOTIFY_SOCKET</c>: a Unix datagram socket that collects sd_notify messages.</summary>
internal sealed class NotifySocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

    public NotifySocket(string path)
    {
        Path = path;
        _socket.Bind(new UnixDomainSocketEndPoint(path));
    }

    public string Path { get; }

    /// <summary>Waits for a datagram containing the line <paramref name="state"/> (e.g. READY=1).</summary>
    public async Task WaitForAsync(string state, TimeSpan timeout, CancellationToken cancel)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var length = await _socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                if (Encoding.UTF8.GetString(buffer, 0, length).Split('\n').Contains(state))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            Assert.Fail($"No {state} on the notify socket within {timeout.TotalSeconds} s.");
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        File.Delete(Path);
    }
}
