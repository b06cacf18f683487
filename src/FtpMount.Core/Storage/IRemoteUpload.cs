namespace FtpMount.Core.Storage;

/// <summary>An upload fed as writes arrive; <see cref="CompleteAsync"/> ends and verifies it, disposing first abandons it.</summary>
public interface IRemoteUpload : IAsyncDisposable
{
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>
    /// Ends the upload; where the store can tell the stored size, a size other than <paramref name="expectedSize"/> is an
    /// <c>FtpIntegrityException</c>.
    /// </summary>
    Task CompleteAsync(long expectedSize, CancellationToken cancellationToken);
}
