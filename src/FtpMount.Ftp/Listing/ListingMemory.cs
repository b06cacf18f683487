namespace FtpMount.Ftp.Listing;

/// <summary>
/// Bounds the memory of all listings in flight together, in the whole process: a listing may hold up to
/// <see cref="SmallBytes"/> of text freely, and must hold the one large-listing slot to grow past it (through its
/// parse). So sibling prefetch and parallel programs never multiply the worst case: at most one listing near
/// <see cref="FtpClientOptions.MaxListingBytes"/> / <see cref="FtpClientOptions.MaxListingEntries"/> at a time,
/// plus one small one per connection. Found by three sibling folders of 62 MiB listings taking the mount to 5.7 GB.
/// </summary>
internal sealed class ListingMemory : IDisposable
{
    /// <summary>Text a listing may hold without the slot (about 20,000 entries).</summary>
    public const int SmallBytes = 1024 * 1024;

    private static readonly SemaphoreSlim LargeSlot = new(1, 1);

    private bool _holdsSlot;

    /// <summary>Waits for the large-listing slot before a listing's buffer grows to <paramref name="bytes"/>, once.</summary>
    public async ValueTask GrowAsync(int bytes, CancellationToken cancellationToken)
    {
        if (bytes <= SmallBytes || _holdsSlot)
        {
            return;
        }

        await LargeSlot.WaitAsync(cancellationToken).ConfigureAwait(false);
        _holdsSlot = true;
    }

    public void Dispose()
    {
        if (_holdsSlot)
        {
            _holdsSlot = false;
            LargeSlot.Release();
        }
    }
}
