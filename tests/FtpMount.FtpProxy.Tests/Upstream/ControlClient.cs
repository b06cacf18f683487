using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace FtpMount.FtpProxy.Tests.Upstream;

/// <summary>The client side of a control connection, just enough to drive <see cref="FakeFtpServer"/> through the proxy.</summary>
internal sealed partial class ControlClient : IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private ControlClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new StreamReader(_stream, Encoding.ASCII);
    }

    public static async Task<ControlClient> ConnectAsync(IPEndPoint endPoint, CancellationToken ct) =>
        new(await Net.ConnectAsync(endPoint, ct));

    public async Task<string> ReadReplyAsync(CancellationToken ct) =>
        await _reader.ReadLineAsync(ct) ?? throw new IOException("control connection closed");

    public async Task SendAsync(string command, CancellationToken ct) =>
        await _socket.SendAsync(Encoding.ASCII.GetBytes(command + "\r\n"), ct);

    public async Task<string> CommandAsync(string command, CancellationToken ct)
    {
        await SendAsync(command, ct);
        return await ReadReplyAsync(ct);
    }

    /// <summary>The data port a 229 or 227 reply announces.</summary>
    public static int PassivePort(string reply)
    {
        if (EpsvPort().Match(reply) is { Success: true } epsv)
        {
            return int.Parse(epsv.Groups[1].ValueSpan, provider: null);
        }

        var pasv = PasvAddress().Match(reply);
        Assert.True(pasv.Success, $"no passive address in '{reply}'");
        Assert.Equal("127,0,0,1", pasv.Groups[1].Value);
        return (int.Parse(pasv.Groups[2].ValueSpan, provider: null) * 256) + int.Parse(pasv.Groups[3].ValueSpan, provider: null);
    }

    public void Dispose() => _reader.Dispose();

    [GeneratedRegex(@"^229 .*\(\|\|\|(\d+)\|\)")]
    private static partial Regex EpsvPort();

    [GeneratedRegex(@"^227 .*\((\d+,\d+,\d+,\d+),(\d+),(\d+)\)")]
    private static partial Regex PasvAddress();
}
