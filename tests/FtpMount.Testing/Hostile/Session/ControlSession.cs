using System.Net.Sockets;
using System.Text;
using FtpMount.Testing.Hostile.Commands;
using FtpMount.Testing.Hostile.Files;

namespace FtpMount.Testing.Hostile.Session;

/// <summary>
/// One control connection: reads commands under the idle deadline, logs them, runs them through the server's hooks
/// and the normal handling, and holds the session's state (login, working folder, REST offset, RNFR, passive listener).
/// Commands of one session run one after the other, as on a real server.
/// </summary>
internal sealed class ControlSession : IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly CommandLineReader _reader;
    private readonly ReplyWriter _writer;
    private DataConnectionEnd? _closeRequested;

    public ControlSession(HostileFtpServer server, Socket socket, int id)
    {
        Server = server;
        Id = id;
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
        _reader = new CommandLineReader(_stream);
        _writer = new ReplyWriter(_stream, () => server.ReplyByteDelay, server.Options.IoTimeout);
    }

    public HostileFtpServer Server { get; }

    public int Id { get; }

    public string WorkingDirectory { get; set; } = ServerPaths.Root;

    public string? UserName { get; set; }

    public bool LoggedIn { get; set; }

    /// <summary>The REST offset for the next transfer; taken (reset to 0) by it.</summary>
    public long RestartOffset { get; set; }

    /// <summary>The server path RNFR named, for the RNTO that must follow at once.</summary>
    public string? RenameFrom { get; set; }

    public PassiveListener? Passive { get; private set; }

    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await SendAsync("220 HostileFtpServer ready\r\n"u8.ToArray(), stopping).ConfigureAwait(false);
            while (_closeRequested is null && !stopping.IsCancellationRequested)
            {
                var line = await ReadCommandAsync(stopping).ConfigureAwait(false);
                if (line is null)
                {
                    return;
                }

                var space = line.IndexOf(' ', StringComparison.Ordinal);
                var verb = (space < 0 ? line : line[..space]).ToUpperInvariant();
                var argument = space < 0 ? string.Empty : line[(space + 1)..];
                var path = argument.Contains('\0', StringComparison.Ordinal) ? null : CommandPaths.PathOf(verb, argument, WorkingDirectory);
                var command = Server.Commands.Add(Id, verb, verb == "PASS" ? "***" : argument, path);
                await Server.DispatchAsync(new FtpCommandContext(this, command, argument, stopping)).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException
                                      or TimeoutException or InvalidDataException)
        {
            // The client went away, a deadline passed, or the server is stopping: the session ends either way.
        }
        finally
        {
            Dispose();
        }
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        _writer.WriteAsync(bytes, cancellationToken);

    public void RequestClose(DataConnectionEnd how) => _closeRequested = how;

    /// <summary>Opens a new passive listener for the next transfer, closing any earlier one nobody used.</summary>
    public PassiveListener OpenPassive()
    {
        Passive?.Dispose();
        Passive = PassiveListener.Start();
        return Passive;
    }

    /// <summary>The data connection of the PASV/EPSV before this transfer, or null (425 sent) when there is none.</summary>
    public async ValueTask<DataConnection?> AcceptDataAsync(FtpCommandContext command)
    {
        var passive = Passive;
        Passive = null;
        if (passive is null)
        {
            await command.ReplyAsync("425 Use PASV or EPSV first.").ConfigureAwait(false);
            return null;
        }

        using (passive)
        {
            try
            {
                var socket = await passive.AcceptAsync(Server.Options.IoTimeout, command.CancellationToken).ConfigureAwait(false);
                return new DataConnection(socket, command.Transfer, Server.Options.IoTimeout, command.CancellationToken);
            }
            catch (TimeoutException)
            {
                await command.ReplyAsync("425 Can't open data connection.").ConfigureAwait(false);
                return null;
            }
        }
    }

    /// <summary>Ends the session at once (server shutdown): the blocked read or write fails and the loop ends.</summary>
    public void Abort() => _socket.Dispose();

    private async ValueTask<string?> ReadCommandAsync(CancellationToken stopping)
    {
        try
        {
            return await IoDeadline.RunAsync(_reader.ReadLineAsync, Server.Options.IdleTimeout, "Waiting for a command", stopping)
                .ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await SendAsync(Encoding.ASCII.GetBytes("421 Timeout.\r\n"), stopping).ConfigureAwait(false);
            return null;
        }
        catch (InvalidDataException)
        {
            await SendAsync(Encoding.ASCII.GetBytes("500 Command line too long.\r\n"), stopping).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Closes the connection as requested (FIN, or RST after <see cref="RequestClose"/> with Reset); safe twice.</summary>
    public void Dispose()
    {
        Passive?.Dispose();
        Passive = null;
        try
        {
            if (_closeRequested == DataConnectionEnd.Reset)
            {
                _socket.LingerState = new LingerOption(true, 0);
            }
            else
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        _stream.Dispose();
        _socket.Dispose();
    }
}
