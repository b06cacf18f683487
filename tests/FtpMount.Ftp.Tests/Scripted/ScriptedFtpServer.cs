using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FtpMount.Ftp.Tests.Scripted;

/// <summary>
/// A tiny in-process FTP server whose replies a test scripts, for cases real servers never produce (a 227 naming
/// another host, refused EPSV, malformed replies). Serves control connections one after another on 127.0.0.1.
/// </summary>
internal sealed class ScriptedFtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<string, ScriptedFtpServer, Task<string>> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private TcpListener? _dataListener;
    private StreamWriter? _writer;
    private TcpClient? _client;
    private int _connections;

    public ScriptedFtpServer(Func<string, ScriptedFtpServer, Task<string>> handler, string greeting = "220 scripted")
    {
        _handler = handler;
        _listener.Start();
        _loop = Task.Run(() => ServeAsync(greeting));
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>A client of this server: the scripted login, and 5 s for each connect, reply and data wait.</summary>
    public FtpClientOptions ClientOptions => new()
    {
        Host = "127.0.0.1",
        Port = Port,
        Credentials = new FtpCredentials("u", "p"),
        ReplyTimeout = TimeSpan.FromSeconds(5),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        DataTimeout = TimeSpan.FromSeconds(5),
    };

    public List<string> Commands { get; } = [];

    /// <summary>Control connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Command bytes a handler read and ignored, as pure-ftpd does during a transfer (see <see cref="TransferUntilAbortAsync"/>).</summary>
    public List<string> Swallowed { get; } = [];

    /// <summary>Whether a PASV/EPSV reply opened a data listener: a transfer command before that gets 425, as on real servers.</summary>
    public bool HasDataListener => _dataListener is not null;

    /// <summary>Opens a data listener on 127.0.0.1 and returns its port, for scripted PASV/EPSV replies.</summary>
    public int OpenDataListener()
    {
        _dataListener?.Stop();
        _dataListener = new TcpListener(IPAddress.Loopback, 0);
        _dataListener.Start();
        return ((IPEndPoint)_dataListener.LocalEndpoint).Port;
    }

    /// <summary>Takes the data connection the client made and closes it at once, as a middlebox that drops it would.</summary>
    public async Task DropDataConnectionAsync()
    {
        using var data = await _dataListener!.AcceptTcpClientAsync(_stop.Token);
        data.Client.Close();
    }

    /// <summary>Sends a preliminary reply, the payload over the data connection, then closes it (stream-mode EOF).</summary>
    public async Task<string> SendDataAsync(byte[] payload, string finalReply = "226 done")
    {
        await _writer!.WriteAsync("150 opening\r\n");
        await _writer.FlushAsync();
        using var data = await _dataListener!.AcceptTcpClientAsync(_stop.Token);
        await data.GetStream().WriteAsync(payload, _stop.Token);
        data.Client.Shutdown(SocketShutdown.Both);
        return finalReply;
    }

    /// <summary>Sends data in small pieces with a pause between them, for as long as the client keeps reading.</summary>
    public async Task<string> TrickleDataAsync(byte[] piece, TimeSpan pause)
    {
        await _writer!.WriteAsync("150 opening\r\n");
        await _writer.FlushAsync();
        using var data = await _dataListener!.AcceptTcpClientAsync(_stop.Token);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await data.GetStream().WriteAsync(piece, _stop.Token);
                await Task.Delay(pause, _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // The client gave up, as it should.
        }

        return "426 aborted\r\n";
    }

    /// <summary>Sends a reply one byte per <paramref name="pause"/>, as a stalled server or a saturated link might.</summary>
    public async Task<string> DripAsync(string reply, TimeSpan pause)
    {
        foreach (var c in reply)
        {
            await _writer!.WriteAsync(c);
            await _writer.FlushAsync();
            await Task.Delay(pause, _stop.Token);
        }

        return string.Empty;
    }

    /// <summary>
    /// Serves a download the way pure-ftpd does (ftpd.c, dlhandler_handle_commands): while sending, it polls the
    /// control connection and takes whatever one read() returns; if that starts with ABOR it answers 426 + 226, and
    /// any other command in the same read is lost. <paramref name="coalesce"/> lets a command sent right behind ABOR
    /// arrive before that read, as it does on a busy machine.
    /// </summary>
    public async Task<string> TransferUntilAbortAsync(byte[] payload, TimeSpan coalesce)
    {
        await _writer!.WriteAsync("150 opening\r\n");
        await _writer.FlushAsync();
        using var data = await _dataListener!.AcceptTcpClientAsync(_stop.Token);
        var sending = Task.Run(async () =>
        {
            try
            {
                await data.GetStream().WriteAsync(payload, _stop.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // The client closed the data connection, as a stopped read does.
            }
        });
        while (_client!.Available == 0)
        {
            await Task.Delay(10, _stop.Token);
        }

        await Task.Delay(coalesce, _stop.Token);
        var buffer = new byte[99];
        var read = await _client.GetStream().ReadAsync(buffer, _stop.Token);
        var text = Encoding.ASCII.GetString(buffer, 0, read);
        var firstLineEnd = text.IndexOf('\n', StringComparison.Ordinal) + 1;
        Commands.Add(text[..firstLineEnd].TrimEnd());
        if (firstLineEnd < text.Length)
        {
            Swallowed.Add(text[firstLineEnd..]);
        }

        data.Client.Close();
        await sending;
        if (!text.StartsWith("ABOR", StringComparison.Ordinal))
        {
            return "500 unknown command\r\n";
        }

        await _writer.WriteAsync("426 ABORT\r\n");
        await _writer.FlushAsync();
        return "226-Transfer aborted\r\n226 0.001 seconds\r\n";
    }

    private async Task ServeAsync(string greeting)
    {
        while (!_stop.IsCancellationRequested)
        {
            if (!await ServeOneAsync(greeting))
            {
                return;
            }
        }
    }

    /// <summary>Serves one control connection; false when the server is stopping.</summary>
    private async Task<bool> ServeOneAsync(string greeting)
    {
        try
        {
            using var client = _client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            _writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n" };
            await _writer.WriteAsync(greeting + "\r\n");
            await _writer.FlushAsync();
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                Commands.Add(line);
                var reply = await _handler(line, this);
                await _writer.WriteAsync(reply);
                await _writer.FlushAsync();
                if (line == "QUIT")
                {
                    return true;
                }
            }

            return true;
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            // The client went away; serve the next one.
            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // The test is over.
            return false;
        }
    }

    /// <summary>Replies every login and setup command the client sends with success.</summary>
    public static string? LoginReply(string command) => command.Split(' ')[0] switch
    {
        "USER" => "331 password please\r\n",
        "PASS" => "230 logged in\r\n",
        "FEAT" => "211-Features:\r\n SIZE\r\n REST STREAM\r\n211 End\r\n",
        "OPTS" => "200 ok\r\n",
        "TYPE" => "200 binary\r\n",
        "PWD" => "257 \"/\"\r\n",
        "NOOP" => "200 ok\r\n",
        "QUIT" => "221 bye\r\n",
        _ => null,
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _dataListener?.Stop();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // A handler still sleeping on purpose (black-hole tests); it ends with the test's token.
        }
    }
}
