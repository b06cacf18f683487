using FtpMount.Core.Storage;
using FtpMount.Ftp.Errors;

namespace FtpMount.Testing.InMemory;

/// <summary>
/// A RETR from memory: the bytes from the offset to the end (or to a short-read fault's end, which then looks like an
/// ordinary end with 226), checked against <see cref="ExpectedLength"/> as the FTP client checks it; a cut fault
/// loses the connection after its bytes.
/// </summary>
internal sealed class InMemoryDownload(string path, ReadOnlyMemory<byte> content, long? cutAfter, InMemoryConnections connections) : IRemoteDownload
{
    private readonly TransferSlot _slot = new(connections);
    private long _position;

    public long? ExpectedLength { get; set; }

    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_slot.IsClosed || buffer.IsEmpty)
        {
            return ValueTask.FromResult(0);
        }

        if (cutAfter is { } cut && _position >= cut)
        {
            _slot.Close();
            throw new FtpConnectionLostException($"The connection of RETR {path} was cut after {_position} bytes (test store fault).");
        }

        var count = (int)Math.Min(Math.Min(buffer.Length, content.Length - _position), (cutAfter ?? long.MaxValue) - _position);
        if (count > 0)
        {
            content.Slice((int)_position, count).CopyTo(buffer);
            _position += count;
            connections.Touch();
            if (_position > ExpectedLength)
            {
                _slot.Close();
                throw new FtpTransferLengthException($"RETR {path}", ExpectedLength.Value, _position);
            }

            return ValueTask.FromResult(count);
        }

        _slot.Close();
        if (_position < ExpectedLength)
        {
            throw new FtpTransferLengthException($"RETR {path}", ExpectedLength.Value, _position);
        }

        return ValueTask.FromResult(0);
    }

    public ValueTask DisposeAsync()
    {
        _slot.Close();
        return ValueTask.CompletedTask;
    }
}
