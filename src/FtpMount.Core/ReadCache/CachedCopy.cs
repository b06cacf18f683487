using Microsoft.Win32.SafeHandles;

namespace FtpMount.Core.ReadCache;

/// <summary>
/// A file's whole content in the read cache (<c>-o cache=full</c>), for an OS that reads it straight from the local
/// file (FUSE passthrough). While this object lives the cache keeps the file; the content behind <see cref="Data"/>
/// never changes, since a newer version or a change through the mount replaces the data file instead of rewriting it.
/// </summary>
public sealed class CachedCopy : IDisposable
{
    private readonly ReadCacheLease _lease;
    private readonly object _file;
    private readonly long _generation;

    internal CachedCopy(ReadCacheLease lease, SafeFileHandle data, object file, long generation)
    {
        _lease = lease;
        Data = data;
        _file = file;
        _generation = generation;
    }

    /// <summary>Read-only handle on the data file; close it once the OS took its own reference.</summary>
    public SafeFileHandle Data { get; }

    /// <summary>Whether <paramref name="other"/> is the same data file with the same content.</summary>
    public bool SameContentAs(CachedCopy? other) =>
        other is not null && ReferenceEquals(_file, other._file) && _generation == other._generation;

    /// <summary>Closes the handle and gives the file back to the cache.</summary>
    public void Dispose()
    {
        Data.Dispose();
        _lease.Dispose();
    }
}
