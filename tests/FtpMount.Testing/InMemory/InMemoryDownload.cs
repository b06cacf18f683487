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
    private long _position;
    private bool _finished;

    public long? ExpectedLength { get; set; }

    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_finished || buffer.IsEmpty)
        {
            return ValueTask.FromResult(0);
        }

        if (cutAfter is { } cut && _position >= cut)
        {
            Finish();
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
                Finish();
                throw new FtpTransferLengthException($"RETR {path}", ExpectedLength.Value, _position);
            }

            return ValueTask.FromResult(count);
        }

        Finish();
        if (_position < ExpectedLength)
        {
            throw new FtpTransferLengthException($"RETR {path}", ExpectedLength.Value, _position);
        }

        return ValueTask.FromResult(0);
    }

    public ValueTask DisposeAsync()
    {
        Finish();
        return ValueTask.CompletedTask;
    }

    private void Finish()
    {
        if (!_finished)
        {
            _finished = true;
            connections.TransferClosed();
        }
    }
}
