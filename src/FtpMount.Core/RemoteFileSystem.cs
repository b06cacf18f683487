using FtpMount.Core.Cache;
using FtpMount.Core.Entries;
using FtpMount.Core.Errors;
using FtpMount.Core.Handles;
using FtpMount.Core.Nodes;
using FtpMount.Core.Paths;
using FtpMount.Core.ReadCache;
using FtpMount.Core.Spool;
using FtpMount.Core.Storage;
using FtpMount.Ftp;
using FtpMount.Ftp.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FtpMount.Core;

/// <summary>
/// The OS-independent filesystem over one FTP server: metadata through the listing cache, files through open
/// nodes with local spools. Every method throws <see cref="RemoteFsException"/> with an <see cref="FsError"/>
/// on failure. Adapters (FUSE, Dokan) translate calls into these methods and errors into their own codes. The server
/// is reached through an <see cref="IRemoteStore"/> only: FTP in a mount, memory in unit tests.
/// </summary>
public sealed class RemoteFileSystem : IAsyncDisposable
{
    /// <summary>Files whose exact time is remembered: a 100,000-file tree at some 150 bytes each.</summary>
    private const int ExactTimesCapacity = 100_000;

    private readonly IRemoteStore _store;
    private readonly ServerPathMap _map;
    private readonly RemoteFileSystemOptions _options;
    private readonly WritePermission _writes;
    private readonly ILogger _logger;
    private readonly DirectoryCache _cache;
    private readonly FileNodeTable _nodes = new();
    private readonly FileContent _content;
    private readonly SpoolFolder _spool;
    private readonly SpoolJournal _journal;
    private readonly TemporaryLedger _temporaries;
    private readonly Uploader _uploader;
    private readonly NamespaceOperations _namespace;
    private readonly MetadataOperations _metadata;
    private readonly ConflictGuard _conflicts;
    private readonly FileHandles _handles;

    // Write-back uploads and retries of refused saves share this queue, whether write-back is on or not.
    private readonly WriteBackQueue _uploads;
    private readonly SiblingPrefetcher? _prefetcher;
    private readonly FolderTimes _folderTimes = new();
    private readonly SizeResolver _sizes;
    private readonly EntryLookup _lookup;
    private readonly ServerChangeNotice _changes;
    private readonly ExactTimeFinder _exactTimes;
    private readonly FolderPoller? _poller;
    private readonly ReadCacheStore? _readCache;

    private RemoteFileSystem(
        IRemoteStore store, ServerPathMap map, SpoolFolder spool, ReadCacheStore? readCache, RemoteFileSystemOptions options, bool hasMlst, ILogger logger)
    {
        _store = store;
        _readCache = readCache;
        _map = map;
        _spool = spool;
        _options = options;
        _writes = new WritePermission(options.ReadOnly);
        _logger = logger;
        var times = new ExactTimes(ExactTimesCapacity);
        _exactTimes = new ExactTimeFinder(store, map, times, ExactTimeFinder.BudgetFor(store.Timeouts.Listing), logger);
        var listing = new ServerListing(store, map, new LinkPresenter(map, options.OutsideLinks, logger), _folderTimes, _exactTimes, logger);
        _cache = new DirectoryCache(listing.FetchAsync, WithListingWait(options.Cache, store.Timeouts));
        _journal = new SpoolJournal(spool, logger);
        _temporaries = new TemporaryLedger(spool);
        var renameOver = new RenameOver(store, logger);
        _uploader = new Uploader(store, map, _temporaries, renameOver, _folderTimes, times, logger);
        _changes = new ServerChangeNotice(new ServerFileCheck(store, map, hasMlst), _cache, logger);
        _content = new FileContent(store, map, _uploader, _cache, _journal, options, _changes, readCache, logger);
        _prefetcher = options.PrefetchSiblings ? new SiblingPrefetcher(_cache, store.Connections, logger) : null;
        _lookup = new EntryLookup(store, map, _cache, _nodes, _folderTimes, _prefetcher, hasMlst);
        _conflicts = new ConflictGuard(_lookup.FindFreshAsync, _nodes, _content, logger);
        _uploads = new WriteBackQueue(_nodes, new WriteBackSteps(_content, _conflicts), _journal, options.WriteBack, logger);
        _namespace = new NamespaceOperations(
            _writes, _lookup, store, map, _cache, _nodes, _content, _journal, renameOver, _folderTimes, times, logger);
        _metadata = new MetadataOperations(_writes, _lookup, store, map, _cache, _nodes, _content, _folderTimes, times, logger);
        _sizes = new SizeResolver(store, map, hasMlst, logger);
        _handles = new FileHandles(
            _writes, map, _cache, _nodes, _content, _journal, _namespace, _uploads, _changes, GetEntryAsync, options.WriteBack.Enabled, logger);
        if (options.PollInterval > TimeSpan.Zero)
        {
            _poller = new FolderPoller(_cache, options.PollInterval, TimeProvider.System, logger);
            _poller.Start();
        }
    }

    /// <summary>MDTMs sent to make coarse listed times exact (0 where listings give seconds).</summary>
    public long ExactTimeQueries => _exactTimes.MdtmCount;

    /// <summary>A caller waits for a listing as long as one may take, plus connecting, unless set otherwise.</summary>
    private static DirectoryCacheOptions WithListingWait(DirectoryCacheOptions cache, RemoteStoreTimeouts store) =>
        cache.ListingWaitTimeout is null ? cache with { ListingWaitTimeout = store.Listing + store.Connect } : cache;

    /// <summary>Sibling listings started ahead of a walk (0 when prefetching is off).</summary>
    public long PrefetchesStarted => _prefetcher?.Started ?? 0;

    /// <summary>Ranged RETRs started for parallel sequential reads (0 when every stream is fast or segments are off).</summary>
    public long SegmentsStarted => _content.SegmentsStarted;

    /// <summary>
    /// The highest stream rate a reader measured when it was split into segments (0 before any split): the planner's
    /// input behind <see cref="SegmentsStarted"/>.
    /// </summary>
    internal double FastestSplitBytesPerSecond => _content.FastestSplitBytesPerSecond;

    /// <summary>
    /// Raised with the path of a file another client changed since it was listed (found on open, by a read, or by
    /// polling), or of a folder where names appeared or vanished, so the adapter drops what its OS cached of it.
    /// Handlers must not call back into the mount on the same thread.
    /// </summary>
    public event Action<string>? ChangedOnServer
    {
        add
        {
            _changes.Changed += value;
            _poller?.Changed += value;
        }

        remove
        {
            _changes.Changed -= value;
            _poller?.Changed -= value;
        }
    }

    /// <summary>Mounted read-only (<c>-o ro</c>): every change fails with <see cref="FsError.ReadOnly"/>.</summary>
    public bool ReadOnly => _writes.ReadOnly;

    /// <summary>The spool folder setting this mount was opened with (its per-source subfolder lives below it).</summary>
    public string SpoolDirectory => _options.SpoolDirectory;

    /// <summary>
    /// How long no connection of this mount has made progress (a reply, data, a connection opened or given back),
    /// counted from <paramref name="since"/> (a <see cref="System.Diagnostics.Stopwatch"/> timestamp) at the earliest.
    /// </summary>
    public TimeSpan NetworkQuietFor(long since) => _store.Connections.QuietFor(since);

    /// <summary>Over an FTP client: once open, the filesystem owns it (disposed with it); if opening fails, the caller still does.</summary>
    public static Task<RemoteFileSystem> OpenAsync(
        FtpClient client, string? serverRoot, RemoteFileSystemOptions options, ILogger? logger = null, CancellationToken cancellationToken = default) =>
        OpenAsync(new FtpRemoteStore(client), serverRoot, options, logger, cancellationToken);

    /// <summary>
    /// Connects (one session, to fail fast on bad credentials or TLS), finds the root and the server's features. Once
    /// open, the filesystem owns <paramref name="store"/> (disposed with it); if opening fails, the caller still does.
    /// </summary>
    public static async Task<RemoteFileSystem> OpenAsync(
        IRemoteStore store, string? serverRoot, RemoteFileSystemOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        var root = string.IsNullOrEmpty(serverRoot) ? await store.GetWorkingDirectoryAsync(cancellationToken).ConfigureAwait(false) : serverRoot;
        var features = await store.GetFeaturesAsync(cancellationToken).ConfigureAwait(false);
        var rules = await ServerNameRules.DetectAsync(store, root, cancellationToken).ConfigureAwait(false);
        FsLog.NameRules(logger ?? NullLogger.Instance, root, rules.BackslashIsOrdinary);
        var spool = SpoolFolder.Open(options.SpoolDirectory, SourceIdentity(store.Source, root));
        var readCache = await ReadCacheStore.TryOpenAsync(
            options.ReadCache, SourceIdentity(store.Source, root), logger ?? NullLogger.Instance, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (readCache is not null)
        {
            FsLog.ReadCacheOpened(logger ?? NullLogger.Instance, readCache.FolderPath, readCache.FileCount, readCache.TotalBytes);
        }

        RemoteFileSystem fs;
        try
        {
            fs = new RemoteFileSystem(store, new ServerPathMap(root, rules), spool, readCache, options, features.Mlst, logger ?? NullLogger.Instance);
        }
        catch
        {
            readCache?.Dispose();
            spool.Dispose();
            throw;
        }

        try
        {
            await fs.RemoveLeftoversAsync(cancellationToken).ConfigureAwait(false);
            await fs.UploadPendingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The caller owns the client; the spool folder's lock must not outlive a mount that never started
            // (the service retries in the same process).
            fs._uploads.Dispose();
            readCache?.Dispose();
            spool.Dispose();
            throw;
        }

        return fs;
    }

    /// <summary>Which server folder a spool folder and its journal entries belong to (no password, no TLS detail).</summary>
    internal static string SourceIdentity(string source, string root) =>
        $"{source}{(root.StartsWith('/') ? root : "/" + root)}";

    /// <summary>
    /// Files closed (or replayed from an earlier run) whose content is not on the server yet: waiting for write-back,
    /// retrying after a failure, or refused by the server and kept journaled.
    /// </summary>
    public int PendingUploads => _uploads.Count + RefusedUploads().Count;

    /// <summary>Temporary upload files an earlier run recorded and could not remove (it was killed): removed now.</summary>
    private async Task RemoveLeftoversAsync(CancellationToken cancellationToken)
    {
        if (_options.ReadOnly)
        {
            return;
        }

        foreach (var temporary in _temporaries.Leftovers())
        {
            if (await _uploader.RemoveLeftoverAsync(temporary, cancellationToken).ConfigureAwait(false))
            {
                FsLog.LeftoverRemoved(_logger, temporary);
            }
        }
    }

    /// <summary>
    /// Uploads what an earlier run could not, unless the server's file changed since (then beside it, as a conflict
    /// copy); what still fails goes to the background queue, stays journaled and is counted in status. What the
    /// server refused for good (a name it will not take, no permission) is reported, kept, and not sent again.
    /// </summary>
    private async Task UploadPendingAsync(CancellationToken cancellationToken)
    {
        if (_options.ReadOnly)
        {
            return;
        }

        foreach (var pending in _journal.Load())
        {
            var spoolPath = _spool.PathOf(pending.SpoolName);
            if (pending.Refused is { } refusal)
            {
                FsLog.RefusedEarlier(_logger, pending.Path.Value, refusal, spoolPath);
                _uploads.RecordRefusal(pending.Path.Value, refusal, spoolPath);
                continue;
            }

            var node = FileNode.Replayed(pending, SpoolFile.Open(spoolPath), File.GetLastWriteTimeUtc(spoolPath));
            _nodes.Acquire(node.Path, () => node);
            await _handles.ReleaseHandleAsync(
                node,
                async n =>
                {
                    try
                    {
                        await _conflicts.CheckAsync(n, cancellationToken).ConfigureAwait(false);
                        await _content.SaveAsync(n, cancellationToken).ConfigureAwait(false);
                        FsLog.PendingUploaded(_logger, n.Path.Value);
                    }
                    catch (RemoteFsException e) when (WriteBackQueue.IsPermanent(e.Error))
                    {
                        _uploads.Refuse(n, e);
                    }
                    catch (Exception e) when (e is RemoteFsException or IOException)
                    {
                        FsLog.PendingStillWaiting(_logger, n.Path.Value, spoolPath, e.Message);
                        _uploads.TryEnqueue(n, retry: true);
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
    }

    private Dictionary<string, string> RefusedUploads()
    {
        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, reason) in _uploads.Refused)
        {
            // A later save, rename or delete of the path through the mount superseded the refused content.
            if (_journal.HasEntry(RemotePath.Parse(path)))
            {
                refused[path] = reason;
            }
        }

        return refused;
    }

    public async Task<RemoteEntry> GetEntryAsync(RemotePath path, CancellationToken cancellationToken)
    {
        if (TryGetEntryCached(path, out var cached))
        {
            return cached;
        }

        var entry = await FindAsync(path, cancellationToken).ConfigureAwait(false)
                    ?? throw new RemoteFsException(FsError.NotFound, $"{path} does not exist.");
        if (!entry.HasUnknownSize)
        {
            return entry;
        }

        // Listed without a size: stat, open and O_APPEND need the real one, so ask now rather than show 0.
        var resolved = await _sizes.ResolveAsync(path, entry, cancellationToken).ConfigureAwait(false);
        if (!resolved.HasUnknownSize)
        {
            _cache.Update(path, resolved);
        }

        return resolved;
    }

    /// <summary>
    /// What <see cref="GetEntryAsync"/> returns when the open files and the caches answer it without a round trip or a
    /// wait; false when it would have to ask (or to say "no such file"). OS adapters answer from here on their own
    /// thread, saving the hop to the thread pool that a call that may wait takes.
    /// </summary>
    public bool TryGetEntryCached(RemotePath path, out RemoteEntry entry)
    {
        if (path.IsRoot)
        {
            entry = _lookup.Root;
            return true;
        }

        if (_nodes.Find(path) is { } node && (node.Spool is not null || node.ServerEntry is null))
        {
            entry = node.ToEntry();
            return true;
        }

        if (_cache.TryGetEntry(path, out var known) && known is { HasUnknownSize: false })
        {
            entry = known;
            return true;
        }

        entry = null!;
        return false;
    }

    /// <summary>The entry from the cache, MLST or the parent's listing; null when it does not exist.</summary>
    internal Task<RemoteEntry?> FindAsync(RemotePath path, CancellationToken cancellationToken) => _lookup.FindAsync(path, cancellationToken);

    /// <summary>A directory's entries, with files open here but not yet saved shown as they are locally.</summary>
    public async Task<IReadOnlyList<RemoteEntry>> ListAsync(RemotePath directory, CancellationToken cancellationToken) =>
        (await ListContentsAsync(directory, cancellationToken).ConfigureAwait(false)).Entries;

    /// <summary>As <see cref="ListAsync"/>, with the cached listing the entries were built from (see <see cref="FolderContents"/>).</summary>
    public Task<FolderContents> ListContentsAsync(RemotePath directory, CancellationToken cancellationToken)
    {
        _poller?.Listed(directory);
        return _lookup.ListContentsAsync(directory, cancellationToken);
    }

    /// <summary>What <see cref="ListContentsAsync"/> returns when the listing cache answers, without a wait; false otherwise.</summary>
    public bool TryListContentsCached(RemotePath directory, out FolderContents contents)
    {
        _poller?.Listed(directory);
        return _lookup.TryListContentsCached(directory, out contents);
    }

    /// <summary>
    /// A program opened <paramref name="directory"/> to list it, maybe from what its kernel cached: polling keeps
    /// watching the folder as if it had been listed. Returns the listing the cache trusts now, without asking the
    /// server (null: none is fresh), for comparison with <see cref="FolderContents.Source"/> of an earlier listing.
    /// </summary>
    public DirectoryListing? OpenedForListing(RemotePath directory)
    {
        _poller?.Listed(directory);
        return _cache.TryGetListing(directory, out var listing) ? listing : null;
    }

    /// <summary>
    /// As <see cref="ListAsync"/>, but as the server has the folder now, not as the listing cache last saw it: for a
    /// decision that must rest on the current content (is the folder empty?).
    /// </summary>
    public Task<IReadOnlyList<RemoteEntry>> ListFreshAsync(RemotePath directory, CancellationToken cancellationToken) =>
        _lookup.ListFreshAsync(directory, cancellationToken);

    /// <summary>Opens an existing file. <paramref name="truncate"/> is O_TRUNC.</summary>
    public Task<OpenFile> OpenAsync(RemotePath path, bool read, bool write, bool truncate, CancellationToken cancellationToken) =>
        OpenAsync(path, read, write, truncate, append: false, cancellationToken);

    /// <summary>
    /// Opens an existing file. <paramref name="truncate"/> is O_TRUNC; with <paramref name="append"/> (O_APPEND) every
    /// write goes to the end of the file, whatever offset it comes with.
    /// </summary>
    public Task<OpenFile> OpenAsync(RemotePath path, bool read, bool write, bool truncate, bool append, CancellationToken cancellationToken) =>
        _handles.OpenAsync(path, read, write, truncate, append, cancellationToken);

    /// <summary>
    /// Makes the size of an open file known when the server gave none (not even to SIZE) by copying the whole file
    /// into its spool, to the end of the transfer. For adapters whose OS reads no further than the size it was told
    /// and has no per-file way around its cache (Dokan); FUSE opens such files with direct I/O instead.
    /// </summary>
    public Task EnsureSizeKnownAsync(OpenFile file, CancellationToken cancellationToken) =>
        file.Entry.Size is not null
            ? Task.CompletedTask
            : NodeGate.RunAsync(file.Node, n => _content.MaterializeAsync(n, cancellationToken), cancellationToken);

    /// <summary>
    /// Creates a new, empty file (saved on flush or release) and opens it. <paramref name="mode"/> is the mode asked
    /// for, with the caller's umask already applied (the adapter's job); it is shown at once and set on the server
    /// with the upload, as chmod would (rwx bits only: never a setuid file on the server either). Null (Windows has
    /// no modes) leaves the server's default. A name open here already is emptied (O_CREAT|O_TRUNC).
    /// </summary>
    public Task<OpenFile> CreateAsync(RemotePath path, int? mode, CancellationToken cancellationToken) =>
        CreateAsync(path, mode, CreateOverOpen.Truncate, append: false, cancellationToken);

    /// <summary>
    /// As <see cref="CreateAsync(RemotePath, int?, CancellationToken)"/>; <paramref name="overOpen"/> says what
    /// becomes of a file open here under the name already (another create of the name came first): kept, emptied,
    /// or the create fails. With <paramref name="append"/> (O_APPEND) every write goes to the end of the file.
    /// </summary>
    public Task<OpenFile> CreateAsync(RemotePath path, int? mode, CreateOverOpen overOpen, bool append, CancellationToken cancellationToken) =>
        _handles.CreateAsync(path, mode, overOpen, append, cancellationToken);

    /// <summary>mkdir(2); <paramref name="mode"/> (umask applied, null on Windows) is set with SITE CHMOD, as for a file.</summary>
    public Task CreateDirectoryAsync(RemotePath path, int? mode, CancellationToken cancellationToken) =>
        _namespace.CreateDirectoryAsync(path, mode, cancellationToken);

    public Task RemoveDirectoryAsync(RemotePath path, CancellationToken cancellationToken) =>
        _namespace.RemoveDirectoryAsync(path, cancellationToken);

    public async Task DeleteFileAsync(RemotePath path, CancellationToken cancellationToken)
    {
        try
        {
            await _namespace.DeleteFileAsync(path, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            InvalidateReadCache(path);
        }
    }

    /// <summary>rename(2): replaces an existing file or empty directory unless <paramref name="noReplace"/>.</summary>
    public async Task RenameAsync(RemotePath from, RemotePath to, bool noReplace, CancellationToken cancellationToken)
    {
        try
        {
            await _namespace.RenameAsync(from, to, noReplace, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // A file renamed over another may have its size and, within the listing's time resolution, its time too.
            InvalidateReadCache(from);
            InvalidateReadCache(to);
        }
    }

    /// <summary>
    /// The whole content of the version <paramref name="file"/> reads, when the read cache holds every byte of it and
    /// the handle reads nothing else: opened read-only, no local changes, the size known and the listing unchanged.
    /// Null otherwise, with <paramref name="reason"/> saying why (for a log line).
    /// </summary>
    public CachedCopy? TryOpenCachedCopy(OpenFile file, out string reason)
    {
        ArgumentNullException.ThrowIfNull(file);
        var node = file.Node;
        if (_readCache is null)
        {
            reason = "the read cache is off";
            return null;
        }

        if (!file.CanRead || file.CanWrite)
        {
            reason = "the file is opened for writing";
            return null;
        }

        if (node.Spool is not null)
        {
            reason = "the file has changes made through the mount";
            return null;
        }

        if (file.ChangedSinceListed || node.ServerEntry is not { } entry || CacheIdentity.Of(_map.ToServer(node.Path), entry) is not { } identity)
        {
            reason = "the server's listing gives no trusted size for the file";
            return null;
        }

        var copy = _readCache.TryOpenWhole(identity);
        reason = copy is null ? "the read cache does not hold the whole file" : string.Empty;
        return copy;
    }

    /// <summary>
    /// The content of <paramref name="file"/> is about to change through the mount: the read cache forgets the version
    /// it holds, so nothing written while the old one is being read can ever land in it.
    /// </summary>
    public void ForgetCachedCopy(OpenFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        InvalidateReadCache(file.Node.Path);
    }

    private void InvalidateReadCache(RemotePath path) => _readCache?.Invalidate(_map.ToServer(path));

    public Task SetModifiedTimeAsync(RemotePath path, DateTimeOffset time, CancellationToken cancellationToken) =>
        _metadata.SetModifiedTimeAsync(path, time, cancellationToken);

    public Task ChangeModeAsync(RemotePath path, int mode, CancellationToken cancellationToken) =>
        _metadata.ChangeModeAsync(path, mode, cancellationToken);

    /// <summary>A link's target, already made relative and bounded to the mount by the link policy.</summary>
    public async Task<string> ReadLinkAsync(RemotePath path, CancellationToken cancellationToken)
    {
        var entry = await GetEntryAsync(path, cancellationToken).ConfigureAwait(false);
        return entry is { Kind: EntryKind.Symlink, SymlinkTarget: { } target }
            ? target
            : throw new RemoteFsException(FsError.InvalidName, $"{path} is not a symbolic link.");
    }

    public FsStatus GetStatus()
    {
        var connections = _store.Connections;
        return new FsStatus(
            connections.OpenCount,
            connections.IdleCount,
            connections.Limit,
            connections.MaxConnections,
            _cache.Hits,
            _cache.Misses,
            PendingUploads,
            _nodes.DirtyCount,
            _options.WriteBack.Enabled,
            _uploads.Count,
            _uploads.Failing,
            TransferView.Describe(_store.ActiveTransfers, _map, _uploader.Targets, _nodes))
        {
            Refused = RefusedUploads(),
            Conflicts = _conflicts.Kept,
            Uploads = _uploads.Snapshot(),
        };
    }

    /// <summary>FTP has no free-space query: fixed, large, stable figures so tools that check space proceed.</summary>
    public static FsStats GetStats() => FsStats.Synthetic;

    public ValueTask<int> ReadAsync(OpenFile file, Memory<byte> buffer, long offset, CancellationToken cancellationToken) =>
        _content.ReadAsync(file, buffer, offset, cancellationToken);

    public async ValueTask WriteAsync(OpenFile file, ReadOnlyMemory<byte> data, long offset, CancellationToken cancellationToken)
    {
        if (!file.CanWrite)
        {
            throw new RemoteFsException(FsError.AccessDenied, $"{file.Path} is not open for writing.");
        }

        await NodeGate.RunAsync(file.Node, n => _content.WriteAsync(n, data, offset, file.Append, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// close(2) of a descriptor: saves unsaved content and reports a failure (the data stays local). With write-back
    /// it only journals the content; the upload follows the last release.
    /// </summary>
    public Task FlushAsync(OpenFile file, CancellationToken cancellationToken) => _handles.FlushAsync(file, cancellationToken);

    /// <summary>fsync(2): the content is on the server when this returns, write-back or not.</summary>
    public Task SyncAsync(OpenFile file, CancellationToken cancellationToken) => _handles.SyncAsync(file, cancellationToken);

    /// <summary>The last handle is gone: saves what is unsaved (or queues it for write-back), then forgets the node and its spool.</summary>
    public Task ReleaseAsync(OpenFile file, CancellationToken cancellationToken) => _handles.ReleaseAsync(file, cancellationToken);

    /// <summary>
    /// After the unmount: waits for write-back uploads up to <paramref name="deadline"/>; whatever is left stays
    /// journaled in the spool folder and the next mount uploads it.
    /// </summary>
    public async Task FinishUploadsAsync(TimeSpan deadline)
    {
        // Unmounted: no read comes any more, and a remount of the source may want the cache folder at once.
        _readCache?.Dispose();
        await _uploads.FinishAsync(deadline).ConfigureAwait(false);

        // No upload runs any more: the spool folder's lock goes, and the folder too when nothing is pending in it.
        _spool.Dispose();
    }

    public async Task TruncateAsync(RemotePath path, long length, OpenFile? file, CancellationToken cancellationToken)
    {
        _writes.Ensure(true);
        if (file is not null)
        {
            await NodeGate.RunAsync(file.Node, n => _content.TruncateAsync(n, length, cancellationToken), cancellationToken).ConfigureAwait(false);
            return;
        }

        var handle = await OpenAsync(path, false, true, false, cancellationToken).ConfigureAwait(false);
        try
        {
            await NodeGate.RunAsync(handle.Node, n => _content.TruncateAsync(n, length, cancellationToken), cancellationToken).ConfigureAwait(false);
            await FlushAsync(handle, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await ReleaseAsync(handle, cancellationToken).ConfigureAwait(false);
        }
    }

    internal FileNodeTable Nodes => _nodes;

    internal ServerPathMap Map => _map;

    public async ValueTask DisposeAsync()
    {
        _poller?.Dispose();
        _prefetcher?.Dispose();
        _cache.Dispose();
        _uploads.Dispose();
        _readCache?.Dispose();
        _spool.Dispose();
        await _store.DisposeAsync().ConfigureAwait(false);
    }
}
