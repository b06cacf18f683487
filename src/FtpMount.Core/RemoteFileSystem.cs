using FtpMount.Core.Cache;
using FtpMount.Core.Entries;
using FtpMount.Core.Errors;
using FtpMount.Core.Handles;
using FtpMount.Core.Nodes;
using FtpMount.Core.Paths;
using FtpMount.Ftp;
using FtpMount.Ftp.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FtpMount.Core;

/// <summary>
/// The OS-independent filesystem over one FTP server: metadata through the listing cache, files through open
/// nodes with local spools. Every method throws <see cref="RemoteFsException"/> with an <see cref="FsError"/>
/// on failure. Adapters (FUSE, Dokan) translate calls into these methods and errors into their own codes.
/// </summary>
public sealed class RemoteFileSystem : IAsyncDisposable
{
    private readonly FtpClient _client;
    private readonly ServerPathMap _map;
    private readonly RemoteFileSystemOptions _options;
    private readonly ILogger _logger;
    private readonly DirectoryCache _cache;
    private readonly FileNodeTable _nodes = new();
    private readonly FileContent _content;
    private readonly SpoolJournal _journal;
    private readonly NamespaceOperations _namespace;
    private readonly WriteBackQueue? _writeBack;
    private readonly SiblingPrefetcher? _prefetcher;
    private readonly bool _hasMlst;

    private RemoteFileSystem(FtpClient client, ServerPathMap map, RemoteFileSystemOptions options, bool hasMlst, ILogger logger)
    {
        _client = client;
        _map = map;
        _options = options;
        _logger = logger;
        _hasMlst = hasMlst;
        _cache = new DirectoryCache(FetchListingAsync, WithListingWait(options.Cache, client.Pool.Options));
        _journal = new SpoolJournal(options.SpoolDirectory, logger);
        _content = new FileContent(client, map, new Uploader(client, map, logger), _cache, options, logger);
        _writeBack = options.WriteBack.Enabled ? new WriteBackQueue(_nodes, _content, options.WriteBack, logger) : null;
        _namespace = new NamespaceOperations(this, client, map, _cache, _nodes, _content, logger);
        _prefetcher = options.PrefetchSiblings ? new SiblingPrefetcher(_cache, client.Pool, logger) : null;
    }

    /// <summary>A caller waits for a listing as long as one may take, plus connecting, unless set otherwise.</summary>
    private static DirectoryCacheOptions WithListingWait(DirectoryCacheOptions cache, FtpClientOptions ftp) =>
        cache.ListingWaitTimeout is null ? cache with { ListingWaitTimeout = ftp.ListingTimeout + ftp.ConnectTimeout } : cache;

    /// <summary>Sibling listings started ahead of a walk (0 when prefetching is off).</summary>
    public long PrefetchesStarted => _prefetcher?.Started ?? 0;

    /// <summary>Ranged RETRs started for parallel sequential reads (0 when every stream is fast or segments are off).</summary>
    public long SegmentsStarted => _content.SegmentsStarted;

    public DirectoryCache Cache => _cache;

    public RemoteFileSystemOptions Options => _options;

    public FtpClient Client => _client;

    /// <summary>
    /// How long no connection of this mount has made progress (a reply, data, a connection opened or given back),
    /// counted from <paramref name="since"/> (a <see cref="System.Diagnostics.Stopwatch"/> timestamp) at the earliest.
    /// </summary>
    public TimeSpan NetworkQuietFor(long since) => _client.Pool.Activity.QuietFor(since);

    /// <summary>Connects (one session, to fail fast on bad credentials or TLS), finds the root and the server's features.</summary>
    public static async Task<RemoteFileSystem> OpenAsync(
        FtpClient client, string? serverRoot, RemoteFileSystemOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        var root = string.IsNullOrEmpty(serverRoot) ? await client.GetWorkingDirectoryAsync(cancellationToken).ConfigureAwait(false) : serverRoot;
        var features = await client.GetFeaturesAsync(cancellationToken).ConfigureAwait(false);
        var fs = new RemoteFileSystem(client, new ServerPathMap(root), options, features.Mlst, logger ?? NullLogger.Instance);
        await fs.UploadPendingAsync(cancellationToken).ConfigureAwait(false);
        return fs;
    }

    /// <summary>Files that were closed while their upload failed, kept from an earlier run of this mount.</summary>
    public int PendingUploads { get; private set; }

    /// <summary>Uploads what an earlier run could not; what still fails stays journaled and is reported.</summary>
    private async Task UploadPendingAsync(CancellationToken cancellationToken)
    {
        if (_options.ReadOnly)
        {
            return;
        }

        foreach (var pending in _journal.Load())
        {
            var node = new FileNode(pending.Path, null)
            {
                Spool = SpoolFile.Open(pending.SpoolPath),
                Dirty = true,
                PendingMode = pending.Mode,
                PendingModified = pending.Modified,
                LocalModified = File.GetLastWriteTimeUtc(pending.SpoolPath),
            };
            try
            {
                await _content.SaveAsync(node, cancellationToken).ConfigureAwait(false);
                node.Spool.Dispose();
                FsLog.PendingUploaded(_logger, pending.Path.Value);
            }
            catch (RemoteFsException e)
            {
                node.Spool.Keep();
                PendingUploads++;
                FsLog.PendingStillWaiting(_logger, pending.Path.Value, pending.SpoolPath, e.Message);
            }
        }
    }

    public async Task<RemoteEntry> GetEntryAsync(RemotePath path, CancellationToken cancellationToken)
    {
        if (path.IsRoot)
        {
            return RemoteEntry.RootDirectory(DateTimeOffset.UtcNow);
        }

        if (_nodes.Find(path) is { } node && (node.Spool is not null || node.ServerEntry is null))
        {
            return node.ToEntry();
        }

        return await FindAsync(path, cancellationToken).ConfigureAwait(false)
               ?? throw new RemoteFsException(FsError.NotFound, $"{path} does not exist.");
    }

    /// <summary>The entry from the cache, MLST or the parent's listing; null when it does not exist.</summary>
    internal async Task<RemoteEntry?> FindAsync(RemotePath path, CancellationToken cancellationToken)
    {
        if (_cache.TryGetEntry(path, out var known))
        {
            return known;
        }

        if (!_hasMlst)
        {
            var listing = await ListCachedAsync(path.Parent, cancellationToken).ConfigureAwait(false);
            return listing.Find(path.Name);
        }

        try
        {
            var entry = await _client.GetEntryAsync(_map.ToServer(path), cancellationToken).ConfigureAwait(false);
            var result = entry is null ? null : RemoteEntry.From(entry, DateTimeOffset.UtcNow) with { Name = path.Name };
            _cache.StoreEntry(path, result);
            return result;
        }
        catch (Exception e) when (e is FtpException)
        {
            throw FtpErrorTranslator.Translate(e, $"Looking up {path} failed");
        }
    }

    /// <summary>Looks a path up again on the server, bypassing the cache: used to explain an ambiguous 550.</summary>
    internal async Task<RemoteEntry?> FindFreshAsync(RemotePath path, CancellationToken cancellationToken)
    {
        _cache.InvalidateDirectory(path.Parent);
        _cache.Forget(path);
        return path.IsRoot ? RemoteEntry.RootDirectory(DateTimeOffset.UtcNow) : await FindAsync(path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A directory's entries, with files open here but not yet saved shown as they are locally.</summary>
    public async Task<IReadOnlyList<RemoteEntry>> ListAsync(RemotePath directory, CancellationToken cancellationToken)
    {
        _prefetcher?.OnListing(directory);
        var listing = await ListCachedAsync(directory, cancellationToken).ConfigureAwait(false);
        var open = _nodes.ChildrenOf(directory);
        if (open.Count == 0)
        {
            return [.. listing.Entries];
        }

        var merged = new Dictionary<string, RemoteEntry>(StringComparer.Ordinal);
        foreach (var entry in listing.Entries)
        {
            merged[entry.Name] = entry;
        }

        foreach (var node in open)
        {
            if (node.Deleted)
            {
                continue;
            }

            if (node.Spool is not null || node.ServerEntry is null)
            {
                merged[node.Path.Name] = node.ToEntry();
            }
        }

        return [.. merged.Values];
    }

    private async Task<DirectoryListing> ListCachedAsync(RemotePath directory, CancellationToken cancellationToken)
    {
        try
        {
            return await _cache.GetListingAsync(directory, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FtpException)
        {
            throw FtpErrorTranslator.Translate(e, $"Listing {directory} failed");
        }
    }

    private async Task<DirectoryListing> FetchListingAsync(RemotePath directory, CancellationToken cancellationToken)
    {
        var listing = await _client.ListAsync(_map.ToServer(directory), cancellationToken).ConfigureAwait(false);
        if (listing.Rejected.Count > 0)
        {
            var first = listing.Rejected[0];
            FsLog.RejectedEntries(_logger, directory.Value, listing.Rejected.Count, first.Reason, first.Excerpt);
        }

        var now = DateTimeOffset.UtcNow;
        var entries = new List<RemoteEntry>(listing.Entries.Count);
        foreach (var entry in listing.Entries)
        {
            if (!Uploader.IsTemporaryName(entry.Name))
            {
                entries.Add(RemoteEntry.From(entry, now));
            }
        }

        return new DirectoryListing(entries, now);
    }

    /// <summary>Opens an existing file. <paramref name="truncate"/> is O_TRUNC.</summary>
    public async Task<OpenFile> OpenAsync(RemotePath path, bool read, bool write, bool truncate, CancellationToken cancellationToken)
    {
        EnsureWritable(write || truncate);
        var existing = _nodes.Find(path);
        var entry = existing is not null ? null : await GetEntryAsync(path, cancellationToken).ConfigureAwait(false);
        if (entry is { IsDirectory: true })
        {
            throw new RemoteFsException(FsError.IsDirectory, $"{path} is a directory.");
        }

        var node = _nodes.Acquire(path, () => new FileNode(path, entry));
        var file = new OpenFile(node, read, write);
        if (truncate)
        {
            await node.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _content.TruncateAsync(node, 0, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                node.Gate.Release();
            }
        }

        return file;
    }

    /// <summary>Creates a new, empty file (saved on flush or release) and opens it.</summary>
    public Task<OpenFile> CreateAsync(RemotePath path, int mode, CancellationToken cancellationToken)
    {
        EnsureWritable(true);
        var node = _nodes.Acquire(path, () => new FileNode(path, null));
        _content.StartEmpty(node);
        node.PendingMode = null;
        _ = mode;
        return Task.FromResult(new OpenFile(node, true, true));
    }

    public Task CreateDirectoryAsync(RemotePath path, CancellationToken cancellationToken) =>
        _namespace.CreateDirectoryAsync(path, cancellationToken);

    public Task RemoveDirectoryAsync(RemotePath path, CancellationToken cancellationToken) =>
        _namespace.RemoveDirectoryAsync(path, cancellationToken);

    public Task DeleteFileAsync(RemotePath path, CancellationToken cancellationToken) =>
        _namespace.DeleteFileAsync(path, cancellationToken);

    /// <summary>rename(2): replaces an existing file or empty directory unless <paramref name="noReplace"/>.</summary>
    public Task RenameAsync(RemotePath from, RemotePath to, bool noReplace, CancellationToken cancellationToken) =>
        _namespace.RenameAsync(from, to, noReplace, cancellationToken);

    public Task SetModifiedTimeAsync(RemotePath path, DateTimeOffset time, CancellationToken cancellationToken) =>
        _namespace.SetModifiedTimeAsync(path, time, cancellationToken);

    public Task ChangeModeAsync(RemotePath path, int mode, CancellationToken cancellationToken) =>
        _namespace.ChangeModeAsync(path, mode, cancellationToken);

    public async Task<string> ReadLinkAsync(RemotePath path, CancellationToken cancellationToken)
    {
        var entry = await GetEntryAsync(path, cancellationToken).ConfigureAwait(false);
        if (entry.Kind != EntryKind.Symlink)
        {
            throw new RemoteFsException(FsError.InvalidName, $"{path} is not a symbolic link.");
        }

        if (entry.SymlinkTarget is { } target)
        {
            return target;
        }

        // MLSD (pure-ftpd, proftpd) may say "symlink" without the target; LIST's "name -> target" has it.
        try
        {
            var listing = await _client.ListLongAsync(_map.ToServer(path.Parent), cancellationToken).ConfigureAwait(false);
            foreach (var line in listing.Entries)
            {
                if (line.Name == path.Name && line.SymlinkTarget is { } listed)
                {
                    return listed;
                }
            }
        }
        catch (FtpException e)
        {
            throw FtpErrorTranslator.Translate(e, $"Reading the link {path} failed");
        }

        throw new RemoteFsException(FsError.NotSupported, $"The server did not say where the link {path} points.");
    }

    public FsStatus GetStatus()
    {
        var pool = _client.Pool;
        return new FsStatus(
            pool.OpenCount,
            pool.IdleCount,
            pool.Limit,
            pool.Options.MaxConnections,
            _cache.Hits,
            _cache.Misses,
            PendingUploads,
            _nodes.DirtyCount,
            _writeBack is not null,
            _writeBack?.Count ?? 0,
            _writeBack?.Failing ?? 0,
            _client.Transfers.Active);
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

        await WithGateAsync(file.Node, n => _content.WriteAsync(n, data, offset, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// close(2) of a descriptor: saves unsaved content and reports a failure (the data stays local). With write-back
    /// it only journals the content; the upload follows the last release.
    /// </summary>
    public Task FlushAsync(OpenFile file, CancellationToken cancellationToken) =>
        _writeBack is null ? SyncAsync(file, cancellationToken) : WithGateAsync(file.Node, JournalAsync, cancellationToken);

    /// <summary>fsync(2): the content is on the server when this returns, write-back or not.</summary>
    public Task SyncAsync(OpenFile file, CancellationToken cancellationToken) =>
        WithGateAsync(file.Node, n => _content.SaveAsync(n, cancellationToken), cancellationToken);

    /// <summary>The last handle is gone: saves what is unsaved (or queues it for write-back), then forgets the node and its spool.</summary>
    public async Task ReleaseAsync(OpenFile file, CancellationToken cancellationToken)
    {
        var node = file.Node;
        if (file.Reader is { } reader)
        {
            file.Reader = null;
            await reader.DisposeAsync().ConfigureAwait(false);
        }

        if (_writeBack is { } writeBack)
        {
            await ReleaseToWriteBackAsync(node, writeBack, cancellationToken).ConfigureAwait(false);
            return;
        }

        RemoteFsException? failure = null;
        try
        {
            await FlushAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (RemoteFsException e)
        {
            failure = e;
        }

        var last = _nodes.Release(node);
        if (failure is not null)
        {
            // release(2)'s result reaches no application: the data stays journaled for the next mount.
            FsLog.UploadFailedKept(_logger, node.Path.Value, node.Spool?.FilePath ?? "(no local copy)", failure.Message);
        }

        if (last)
        {
            node.CloseSpool();
        }
    }

    private async Task ReleaseToWriteBackAsync(FileNode node, WriteBackQueue writeBack, CancellationToken cancellationToken)
    {
        try
        {
            // Only the last handle queues: earlier ones would upload content that is still being written.
            if (node.OpenHandles == 1)
            {
                await WithGateAsync(
                    node,
                    n =>
                    {
                        writeBack.TryEnqueue(n);
                        return Task.CompletedTask;
                    },
                    cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (_nodes.Release(node))
            {
                node.CloseSpool();
            }
        }
    }

    private static Task JournalAsync(FileNode node)
    {
        if (node.Dirty && !node.Deleted && !node.Journaled)
        {
            SpoolJournal.Record(node);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// After the unmount: waits for write-back uploads up to <paramref name="deadline"/>; whatever is left stays
    /// journaled in the spool folder and the next mount uploads it.
    /// </summary>
    public Task FinishUploadsAsync(TimeSpan deadline) => _writeBack?.FinishAsync(deadline) ?? Task.CompletedTask;

    public async Task TruncateAsync(RemotePath path, long length, OpenFile? file, CancellationToken cancellationToken)
    {
        EnsureWritable(true);
        if (file is not null)
        {
            await WithGateAsync(file.Node, n => _content.TruncateAsync(n, length, cancellationToken), cancellationToken).ConfigureAwait(false);
            return;
        }

        var handle = await OpenAsync(path, false, true, false, cancellationToken).ConfigureAwait(false);
        try
        {
            await WithGateAsync(handle.Node, n => _content.TruncateAsync(n, length, cancellationToken), cancellationToken).ConfigureAwait(false);
            await FlushAsync(handle, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await ReleaseAsync(handle, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static async Task WithGateAsync(FileNode node, Func<FileNode, Task> action, CancellationToken cancellationToken)
    {
        await node.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await action(node).ConfigureAwait(false);
        }
        finally
        {
            node.Gate.Release();
        }
    }

    internal void EnsureWritable(bool writing)
    {
        if (writing && _options.ReadOnly)
        {
            throw new RemoteFsException(FsError.ReadOnly, "The filesystem is mounted read-only.");
        }
    }

    internal FileNodeTable Nodes => _nodes;

    internal ServerPathMap Map => _map;

    public async ValueTask DisposeAsync()
    {
        _prefetcher?.Dispose();
        _cache.Dispose();
        _writeBack?.Dispose();
        await _client.DisposeAsync().ConfigureAwait(false);
    }
}
