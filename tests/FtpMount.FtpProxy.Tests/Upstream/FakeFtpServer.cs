using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FtpMount.FtpProxy.Tests.Upstream;

/// <summary>
/// A scripted FTP upstream: enough of RFC 959 / RFC 2428 (USER, PASS, NOOP, EPSV, PASV, RETR, QUIT) for a client to
/// fetch <see cref="Payload"/> over a passive data connection.
/// </summary>
internal sealed class FakeFtpServer : IAsyncDisposable
{
    private readonly LoopbackServer _control;
    private readonly List<int> _dataPorts = [];

    public FakeFtpServer(byte[] payload)
    {
        Payload = payload;
        _control = new LoopbackServer(ServeAsync);
    }

    public IPEndPoint EndPoint => _control.EndPoint;

    public byte[] Payload { get; }

    /// <summary>The server's own passive ports, in the order it announced them.</summary>
    public IReadOnlyList<int> DataPorts
    {
        get
        {
            lock (_dataPorts)
            {
                return [.. _dataPorts];
            }
        }
    }

    public ValueTask DisposeAsync() => _control.DisposeAsync();

    private async Task ServeAsync(Socket socket, CancellationToken ct)
    {
        using var stream = new NetworkStream(socket, ownsSocket: false);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        Socket? dataListener = null;
        try
        {
            await ReplyAsync(socket, "220 fake FTP ready", ct);
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                var verb = line.Split(' ')[0].ToUpperInvariant();
                switch (verb)
                {
                    case "USER":
                        await ReplyAsync(socket, "331 password please", ct);
                        break;
                    case "PASS":
                        await ReplyAsync(socket, "230 logged in", ct);
                        break;
                    case "EPSV":
                    case "PASV":
                        dataListener?.Dispose();
                        dataListener = OpenDataListener(out var port);
                        await ReplyAsync(socket, verb == "EPSV"
                            ? $"229 Entering Extended Passive Mode (|||{port}|)"
                            : $"227 Entering Passive Mode (127,0,0,1,{port / 256},{port % 256}).", ct);
                        break;
                    case "RETR" when dataListener is not null:
                        await ReplyAsync(socket, "150 opening data connection", ct);
                        var sent = await SendPayloadAsync(dataListener, ct);
                        dataListener.Dispose();
                        dataListener = null;
                        await ReplyAsync(socket, sent ? "226 transfer complete" : "426 connection closed; transfer aborted", ct);
                        break;
                    case "QUIT":
                        await ReplyAsync(socket, "221 bye", ct);
                        return;
                    default:
                        await ReplyAsync(socket, verb == "NOOP" ? "200 ok" : "502 not scripted", ct);
                        break;
                }
            }
        }
        finally
        {
            dataListener?.Dispose();
        }
    }

    private Socket OpenDataListener(out int port)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        lock (_dataPorts)
        {
            _dataPorts.Add(port);
        }

        return listener;
    }

    private async Task<bool> SendPayloadAsync(Socket listener, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            using var data = await listener.AcceptAsync(deadline.Token);
            await data.SendAsync(Payload, deadline.Token);
            data.Shutdown(SocketShutdown.Send);
            // Stream mode: end of file is the close; wait for the client's so no byte is lost to our own close.
            await data.ReceiveAsync(new byte[1], deadline.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task ReplyAsync(Socket socket, string reply, CancellationToken ct) =>
        await socket.SendAsync(Encoding.ASCII.GetBytes(reply + "\r\n"), ct);
}
