using System.Buffers;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Listing;
using FtpMount.Ftp.Protocol;

namespace FtpMount.Ftp.Transfers;

/// <summary>
/// The bytes of one RETR/LIST/MLSD. Read to the end and the final reply is checked; dispose earlier and the transfer
/// is aborted (bounded ABOR/NOOP drain, the connection discarded if it does not settle). With
/// <see cref="ExpectedLength"/> set, the end is also checked against it: a 226 does not prove every byte arrived.
/// Async use only.
/// </summary>
public sealed class FtpDownloadStream : FtpTransferStream
{
    private readonly string _action;
    private bool _dataClosed;
    private long _position;

    internal FtpDownloadStream(FtpSession session, Stream data, string action)
        : base(session, data)
    {
        _action = action;
    }

    public override bool CanRead => true;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// The bytes this transfer must deliver (the file's size minus the REST offset), when known. Fewer at the end,
    /// or more at any point, is a <see cref="FtpTransferLengthException"/>; null reads to the server's end, which
    /// only its final reply vouches for.
    /// </summary>
    public long? ExpectedLength { get; set; }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Finished || buffer.IsEmpty)
        {
            return 0;
        }

        if (Limit is { } limit && buffer.Length > limit.ChunkSize)
        {
            buffer = buffer[..limit.ChunkSize];
        }

        int read;
        try
        {
            read = await Deadline.RunAsync(
                static (s, ct) => s.data.ReadAsync(s.buffer, ct),
                (data: Data, buffer),
                Session.Options.DataTimeout,
                $"data of {_action}",
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Session.Control.MarkBroken();
            await FinishAsync(abort: false).ConfigureAwait(false);
            throw;
        }

        if (read > 0)
        {
            _position += read;
            Session.Control.NoteProgress();
            Progress?.Add(read);
            if (_position > ExpectedLength)
            {
                await FinishAsync(abort: true).ConfigureAwait(false);
                throw new FtpTransferLengthException(_action, ExpectedLength.Value, _position);
            }

            if (Limit is { } paying)
            {
                await paying.PayAsync(read, cancellationToken).ConfigureAwait(false);
            }

            return read;
        }

        await CloseDataAsync().ConfigureAwait(false);
        Finished = true;
        try
        {
            await TransferEnd.CompleteAsync(Session, _action, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            NotifyClosed();
        }

        if (_position < ExpectedLength)
        {
            // In stream mode a cut data connection is an ordinary end of file, and the server may say 226 for bytes
            // it handed to its kernel and that never arrived (RFC 959 §3.4.1): only the count can tell.
            throw new FtpTransferLengthException(_action, ExpectedLength.Value, _position);
        }

        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Reads the whole payload, refusing more than <paramref name="maxBytes"/> (huge or endless listings).</summary>
    /// <summary>
    /// Reads a listing to its end: refused past <paramref name="maxBytes"/> or <paramref name="maxLines"/> line
    /// feeds, and grown past <see cref="ListingMemory.SmallBytes"/> only with <paramref name="memory"/>'s slot.
    /// Large buffers are not pooled, so a big listing's memory goes back once it is parsed.
    /// </summary>
    internal async Task<ReadOnlyMemory<byte>> ReadToEndAsync(
        int maxBytes, int maxLines, ListingMemory memory, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var pooled = true;
        var length = 0;
        var lines = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= maxBytes)
                    {
                        throw new FtpProtocolException($"{_action} returned more than {maxBytes} bytes; refused.");
                    }

                    var size = Math.Min(buffer.Length * 2, maxBytes);
                    await memory.GrowAsync(size, cancellationToken).ConfigureAwait(false);
                    var large = size > ListingMemory.SmallBytes;
                    var larger = large ? GC.AllocateUninitializedArray<byte>(size) : ArrayPool<byte>.Shared.Rent(size);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    if (pooled)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }

                    buffer = larger;
                    pooled = !large;
                }

                var read = await ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return pooled ? buffer.AsSpan(0, length).ToArray() : buffer.AsMemory(0, length);
                }

                lines += buffer.AsSpan(length, read).Count((byte)'\n');
                length += read;
                if (lines > maxLines)
                {
                    throw new FtpProtocolException($"{_action} listed more than {maxLines} entries; refused.");
                }
            }
        }
        finally
        {
            if (pooled)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("FTP transfers are asynchronous; use ReadAsync.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await FinishAsync(abort: true).ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }


    private async Task FinishAsync(bool abort)
    {
        if (Finished)
        {
            return;
        }

        Finished = true;
        await CloseDataAsync().ConfigureAwait(false);
        try
        {
            if (abort)
            {
                await TransferEnd.AbortAsync(Session, $"{_action} closed after {_position} bytes").ConfigureAwait(false);
            }
            else
            {
                Session.TransferClosed();
            }
        }
        finally
        {
            NotifyClosed();
        }
    }

    private async Task CloseDataAsync()
    {
        if (_dataClosed)
        {
            return;
        }

        _dataClosed = true;
        try
        {
            await Data.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // A reset while closing changes nothing: the control reply decides the outcome.
        }
    }
}
