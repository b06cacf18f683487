using FtpMount.Core.Cache;
using FtpMount.Core.Entries;
using FtpMount.Core.ReadCache;

namespace FtpMount.Core;

public sealed record RemoteFileSystemOptions
{
    public DirectoryCacheOptions Cache { get; init; } = new();

    /// <summary>Folder for spool files of files being changed; private to the mounting user.</summary>
    public string SpoolDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "ftpmount-spool");

    public bool ReadOnly { get; init; }

    /// <summary>What a server symlink leading outside the mount looks like (links inside it are always shown, relative).</summary>
    public OutsideLinkPolicy OutsideLinks { get; init; } = OutsideLinkPolicy.Block;

    public WriteBackOptions WriteBack { get; init; } = new();

    /// <summary>
    /// When a folder is listed for a caller, list its sibling folders ahead on free pooled connections: walks
    /// (ls -lR, find) over a slow link then wait for one listing at a time no longer. Costs server work when the
    /// caller wanted one folder only.
    /// </summary>
    public bool PrefetchSiblings { get; init; } = true;

    /// <summary>
    /// The window of recent bytes each reading handle keeps (at most the file's size). It must hold about twice
    /// the kernel's read-ahead (4 MiB on FUSE when root): requests arrive out of order by up to that much, and
    /// one that falls behind the window restarts the download (ABOR, REST, RETR; 80 times in a 1 GiB dd with 1 MiB).
    /// </summary>
    public int ReadAheadBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>A forward jump up to this size is read through instead of restarting the download.</summary>
    public long ForwardSkipBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>
    /// A long sequential read whose single RETR measures slow (latency or a per-connection cap) fetches ranges ahead
    /// with several ranged RETRs on free pooled connections, delivered in order. A fast stream stays single.
    /// </summary>
    public bool ParallelSegments { get; init; } = true;

    /// <summary>
    /// How often folders programs listed lately are listed again so that other clients' changes show without an
    /// access (<see cref="Cache.FolderPoller"/>); zero turns polling off.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The persistent read cache (<c>-o cache=full</c>); off unless enabled.</summary>
    public ReadCacheOptions ReadCache { get; init; } = new();
}
