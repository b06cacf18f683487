using FtpMount.Core.Entries;
using FtpMount.Core.Handles;
using FtpMount.Core.Nodes;
using FtpMount.Core.ReadCache;

namespace FtpMount.Core;

/// <summary>One open handle on a file: how it was opened, and its own remote reader when it reads unchanged content.</summary>
public sealed class OpenFile
{
    internal OpenFile(FileNode node, bool canRead, bool canWrite)
    {
        Node = node;
        CanRead = canRead;
        CanWrite = canWrite;
    }

    internal FileNode Node { get; }

    /// <summary>This handle's remote reader once a read needed the server; null before and after it was dropped.</summary>
    internal RemoteReader? Reader => Volatile.Read(ref ReaderField);

    /// <summary>
    /// Behind <see cref="Reader"/>, changed only with Interlocked: the kernel sends a handle's first reads in parallel,
    /// and two readers made for one handle each held a download (a data connection and its window) of which only one
    /// was ever given back.
    /// </summary>
    internal RemoteReader? ReaderField;

    /// <summary>Takes the reader out of the handle (to dispose it); null when there is none.</summary>
    internal RemoteReader? TakeReader() => Interlocked.Exchange(ref ReaderField, null);

    /// <summary>This handle's use of the read cache (<c>-o cache=full</c>), for the version it reads; null without one.</summary>
    internal ReadCacheLease? CacheLease => Volatile.Read(ref CacheLeaseField);

    /// <summary>Behind <see cref="CacheLease"/>, changed only with Interlocked: reads of one handle run in parallel.</summary>
    internal ReadCacheLease? CacheLeaseField;

    public bool CanRead { get; }

    public bool CanWrite { get; }

    /// <summary>Opened with O_APPEND: every write goes to the current end of the file.</summary>
    public bool Append { get; init; }

    /// <summary>
    /// The server's file differed from the listing when this handle was opened (another client changed it): the OS
    /// may still hold the listed size, so its cache must not cut reads there.
    /// </summary>
    public bool ChangedSinceListed { get; init; }

    /// <summary>A create found the file open here already (another create of the name came first) and opened that one.</summary>
    public bool Existed { get; init; }

    /// <summary>Bytes of the server's content went out through this handle (a later change then fails reads).</summary>
    internal bool Served { get; set; }

    public string Path => Node.Path.Value;

    /// <summary>The file as its handles see it, also after it was unlinked while open.</summary>
    public RemoteEntry Entry => Node.ToEntry();
}
