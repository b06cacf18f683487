using System.Globalization;
using System.Net.Sockets;
using System.Text;
using FtpMount.Testing.Hostile;

namespace FtpMount.Ftp.Tests.Hostile;

/// <summary>A bare control connection to a <see cref="HostileFtpServer"/>, for what our client would never send or show.</summary>
internal sealed class RawControl : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private readonly TcpClient _client;
    private readonly StreamReader _reader;
    private readonly NetworkStream _stream;

    private RawControl(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    public string Greeting { get; private set; } = string.Empty;

    public static async Task<RawControl> ConnectAsync(HostileFtpServer server, bool logIn = true)
    {
        var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, TestContext.Current.CancellationToken);
        var control = new RawControl(client);
        control.Greeting = await control.ReadReplyAsync();
        if (logIn)
        {
            Assert.StartsWith("331", await control.CommandAsync("USER " + server.UserName), StringComparison.Ordinal);
            Assert.StartsWith("230", await control.CommandAsync("PASS " + server.Password), StringComparison.Ordinal);
        }

        return control;
    }

    public async Task SendAsync(string line)
    {
        using var deadline = Within();
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"), deadline.Token);
    }

    /// <summary>One whole reply, multi-line ones included, lines joined with "\n"; null when the server closed.</summary>
    public async Task<string> ReadReplyAsync()
    {
        using var deadline = Within();
        var first = await _reader.ReadLineAsync(deadline.Token) ?? throw new EndOfStreamException("The server closed the control connection.");
        if (first.Length < 4 || first[3] != '-')
        {
            return first;
        }

        var lines = new StringBuilder(first);
        while (await _reader.ReadLineAsync(deadline.Token) is { } line)
        {
            lines.Append('\n').Append(line);
            if (line.Length >= 4 && line[..3] == first[..3] && line[3] == ' ')
            {
                break;
            }
        }

        return lines.ToString();
    }

    /// <summary>True when the server closed the connection (end of stream) within the deadline.</summary>
    public async Task<bool> IsClosedByServerAsync()
    {
        using var deadline = Within();
        try
        {
            return await _reader.ReadLineAsync(deadline.Token) is null;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public async Task<string> CommandAsync(string line)
    {
        await SendAsync(line);
        return await ReadReplyAsync();
    }

    /// <summary>EPSV, then a connection to the port it names.</summary>
    public async Task<TcpClient> OpenDataAsync()
    {
        var reply = await CommandAsync("EPSV");
        Assert.StartsWith("229", reply, StringComparison.Ordinal);
        var port = int.Parse(reply.Split('|')[3], CultureInfo.InvariantCulture);
        var data = new TcpClient();
        await data.ConnectAsync("127.0.0.1", port, TestContext.Current.CancellationToken);
        return data;
    }

    /// <summary>Reads a data connection to its end (FIN), or until <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]> ReadAllAsync(TcpClient data, long limit = long.MaxValue)
    {
        using var deadline = Within();
        var stream = data.GetStream();
        var bytes = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while (bytes.Length < limit && (read = await stream.ReadAsync(buffer, deadline.Token)) > 0)
        {
            bytes.Write(buffer, 0, read);
        }

        return bytes.ToArray();
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private static CancellationTokenSource Within()
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(Deadline);
        return source;
    }
}
