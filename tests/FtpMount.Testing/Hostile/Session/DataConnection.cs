using System.Net.Sockets;

namespace FtpMount.Testing.Hostile.Session;

/// <summary>
/// One accepted data connection, used as its <see cref="TransferScript"/> says: it stops sending or storing after
/// <see cref="TransferScript.StopAfterBytes"/> and ends with a FIN or a RST.
/// </summary>
internal sealed class DataConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly TransferScript _script;
    private readonly TimeSpan _timeout;
    private readonly CancellationToken _cancellationToken;
    private long _bytes;
    private bool _ended;

    public DataConnection(Socket socket, TransferScript script, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _socket = socket;
        _script = script;
        _timeout = timeout;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Bytes sent or stored so far.</summary>
    public long Bytes => _bytes;

    /// <summary>True once <see cref="TransferScript.StopAfterBytes"/> cut the transfer short.</summary>
    public bool LimitReached { get; private set; }

    /// <summary>Sends what the script allows of <paramref name="bytes"/>; false once the limit is reached (stop producing).</summary>
    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (Remaining() is 0)
            {
                LimitReached = true;
                return false;
            }

            var chunk = bytes[..(int)Math.Min(Math.Min(bytes.Length, Math.Max(1, _script.ChunkBytes)), Remaining())];
            if (_script.ChunkDelay > TimeSpan.Zero)
            {
                await Task.Delay(_script.ChunkDelay, _cancellationToken).ConfigureAwait(false);
            }

            await IoDeadline.RunAsync(
                async ct => await _socket.SendAsync(chunk, SocketFlags.None, ct).ConfigureAwait(false),
                _timeout,
                "Sending data",
                _cancellationToken).ConfigureAwait(false);
            _bytes += chunk.Length;
            bytes = bytes[chunk.Length..];
        }

        if (Remaining() is 0)
        {
            LimitReached = true;
            return false;
        }

        return true;
    }

    /// <summary>
    /// Receives the next bytes for storing: the part within the limit is returned, anything past it is read and
    /// dropped (or, with <see cref="DataConnectionEnd.Reset"/>, the connection is reset). 0 at the client's end of data.
    /// </summary>
    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer)
    {
        while (!_ended)
        {
            var read = await IoDeadline.RunAsync(
                ct => _socket.ReceiveAsync(buffer, SocketFlags.None, ct), _timeout, "Receiving data", _cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return 0;
            }

            var allowed = (int)Math.Min(read, Remaining());
            _bytes += allowed;
            if (allowed < read || Remaining() is 0)
            {
                LimitReached = true;
                if (_script.End == DataConnectionEnd.Reset)
                {
                    End();
                    return allowed;
                }
            }

            if (allowed > 0)
            {
                return allowed;
            }
        }

        return 0;
    }

    /// <summary>Ends the connection the way the script says: an orderly FIN (after the data) or an abortive RST.</summary>
    public void End()
    {
        if (_ended)
        {
            return;
        }

        _ended = true;
        try
        {
            if (_script.End == DataConnectionEnd.Reset)
            {
                // SO_LINGER with a zero timeout makes close() send RST and drop anything unsent.
                _socket.LingerState = new LingerOption(true, 0);
            }
            else
            {
                _socket.Shutdown(SocketShutdown.Send);
            }
        }
        catch (SocketException)
        {
            // The client already went away; closing is all that is left.
        }

        _socket.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        End();
        return ValueTask.CompletedTask;
    }

    private long Remaining() => _script.StopAfterBytes is { } limit ? Math.Max(0, limit - _bytes) : long.MaxValue;
}
