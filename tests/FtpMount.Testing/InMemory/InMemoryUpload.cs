using FtpMount.Core.Storage;
using FtpMount.Ftp.Errors;

namespace FtpMount.Testing.InMemory;

/// <summary>
/// A STOR into memory. The file exists (empty) from the start and grows with each write, as on a real server, and
/// an abandoned upload leaves what arrived. Completing checks the stored size as the FTP client does with SIZE
/// (where the store has SIZE): a short-store fault shows there.
/// </summary>
internal sealed class InMemoryUpload(InMemoryRemoteStore store, string path, StoredItem item, long? cutAfter) : IRemoteUpload
{
    private readonly TransferSlot _slot = new(store.Connections);

    public long BytesWritten { get; private set; }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_slot.IsClosed, this);
        if (cutAfter is { } cut && BytesWritten + data.Length > cut)
        {
            store.Append(item, data.Span[..(int)(cut - BytesWritten)]);
            BytesWritten = cut;
            _slot.Close();
            throw new FtpConnectionLostException($"The connection of STOR {path} was cut after {cut} bytes (test store fault).");
        }

        store.Append(item, data.Span);
        BytesWritten += data.Length;
        store.Connections.Touch();
        return ValueTask.CompletedTask;
    }

    public Task CompleteAsync(long expectedSize, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_slot.IsClosed, this);
        _slot.Close();
        var stored = store.Complete(path, item);
        if (store.Options.Size && stored != expectedSize)
        {
            throw new FtpIntegrityException($"Upload of {path} is incomplete: the server has {stored} bytes, {expectedSize} were expected.");
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _slot.Close();
        return ValueTask.CompletedTask;
    }
}
