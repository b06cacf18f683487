using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using FtpMount.Core;
using FtpMount.Core.Bridging;
using FtpMount.Core.Cache;
using FtpMount.Core.Entries;
using FtpMount.Core.Paths;
using FtpMount.Fuse.Native;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FtpMount.Fuse.Adapter;

/// <summary>
/// Serves a <see cref="RemoteFileSystem"/> through FUSE. libfuse's high-level API is synchronous and calls us on
/// its worker threads, so each call blocks its thread on the core's async operation, under a deadline. Nothing
/// here touches the mount itself, so no call can wait on another request of the same mount.
/// </summary>
/// <param name="bridge">Null: one over the core's network activity (see below). The tests' seam for a short grace.</param>
public sealed class RemoteFuseFileSystem(RemoteFileSystem core, RemoteFuseOptions options, ILogger? logger = null, BlockingCall? bridge = null)
    : IFuseFileSystem
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly ConcurrentDictionary<ulong, OpenFile> _handles = new();

    // The listings readdir handed to the kernel. Weak: an entry lives only as long as the listing cache keeps the
    // listing, so the table never outgrows the cache.
    private static readonly object Given = new();
    private readonly ConditionalWeakTable<DirectoryListing, object> _givenToKernel = new();

    // The core bounds every network wait itself; the bridge is the last guard against a request that hangs. A
    // call is cancelled once neither it nor any connection of the mount made progress for its timeout: time spent
    // queued behind requests that do make progress (16 readers sharing the 2 connections a server allows) is never
    // held against it, however slow the machine.
    private readonly BlockingCall _bridge = bridge ?? new(core.NetworkQuietFor);
    private long _nextHandle;
    private long _readRequests;
    private readonly PassthroughOpens _passthroughOpens = new(core, logger ?? NullLogger.Instance);

    public int OpenHandleCount => _handles.Count;

    /// <summary>Read requests the kernel sent us since the mount started (passthrough opens send none).</summary>
    public long ReadRequests => Interlocked.Read(ref _readRequests);

    /// <summary>Opens the kernel reads straight from the read cache's copy (FUSE passthrough) since the mount started.</summary>
    public long PassthroughOpens => _passthroughOpens.Granted;

    /// <summary>Whether the kernel and libfuse gave this mount passthrough and it still works.</summary>
    public bool PassthroughAvailable => _passthroughOpens.Available;

    public void Init(FuseConnectionInfo connection) => _passthroughOpens.Start(connection);

    public void Destroy()
    {
    }

    public int GetAttr(string path, out FuseAttributes attributes, ulong? handle)
    {
        attributes = default;
        if (path.Length == 0)
        {
            // fstat of a file unlinked while open (hard_remove): no path any more, only the handle.
            return GetOpenFileAttributes(handle, out attributes);
        }

        RemoteEntry entry;
        try
        {
            var remote = RemotePath.Parse(path);
            if (!core.TryGetEntryCached(remote, out entry))
            {
                entry = Run(ct => core.GetEntryAsync(remote, ct), options.RequestTimeout);
            }
        }
        catch (Exception e)
        {
            return Fail(e, "getattr", path);
        }

        attributes = ToAttributes(entry);
        return 0;
    }

    /// <summary>
    /// The kernel may list the folder from what it cached only while that is still what the listing cache trusts:
    /// the very listing readdir gave it. Any change since (ours, a poll that found another client's change, a new
    /// listing after dir_cache_ttl) is a new listing object, and the kernel then drops its copy and asks readdir.
    /// Changes made through the mount also drop it in the kernel itself (it bumps the folder's version).
    /// </summary>
    public int OpenDir(string path, ref FuseOpenInfo info)
    {
        DirectoryListing? current;
        try
        {
            current = core.OpenedForListing(RemotePath.Parse(path));
        }
        catch (Exception e)
        {
            return Fail(e, "opendir", path);
        }

        info.CacheListing = true;
        info.KeepCache = current is not null && _givenToKernel.TryGetValue(current, out _);
        FuseAdapterLog.DirectoryOpened(_logger, path, info.KeepCache);
        return 0;
    }

    public int ReadDir(string path, FuseDirectoryFiller filler)
    {
        FolderContents contents;
        try
        {
            var folder = RemotePath.Parse(path);
            if (!core.TryListContentsCached(folder, out contents))
            {
                contents = Run(ct => core.ListContentsAsync(folder, ct), options.RequestTimeout);
            }
        }
        catch (Exception e)
        {
            return Fail(e, "readdir", path);
        }

        if (_logger.IsEnabled(LogLevel.Trace))
        {
            // What the kernel was given, to tell a listing the daemon got wrong from one the kernel kept too long.
            FuseAdapterLog.DirectoryRead(
                _logger, path, contents.Entries.Count, contents.Source.Count, contents.Source.ListedAt, string.Join(' ', contents.Entries.Take(64).Select(e => e.Name)));
        }

        filler.Add(".");
        filler.Add("..");
        foreach (var entry in contents.Entries)
        {
            // Only the type reaches the kernel from here (FuseFillDir): a size the listing left out is asked by getattr.
            if (!filler.Add(entry.Name, ToAttributes(entry)))
            {
                return 0;
            }
        }

        // Only a whole listing of the server's entries may be listed again from the kernel's copy. One that shows
        // files as they are here changes with no new listing and nothing the kernel sees (an upload that ends, a
        // save refused for good), so the kernel's copy of it is never kept.
        if (contents.ShowsLocalFiles)
        {
            _givenToKernel.Remove(contents.Source);
        }
        else
        {
            _givenToKernel.AddOrUpdate(contents.Source, Given);
        }

        return 0;
    }

    public int ReadLink(string path, out string target)
    {
        target = string.Empty;
        try
        {
            target = Run(ct => core.ReadLinkAsync(RemotePath.Parse(path), ct), options.RequestTimeout);
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e, "readlink", path);
        }
    }

    public int Open(string path, ref FuseOpenInfo info)
    {
        var access = info.Access;
        var truncate = info.Truncate;
        var append = info.Append;
        try
        {
            var file = Run(
                ct => core.OpenAsync(RemotePath.Parse(path), access != FileAccess.Write, access != FileAccess.Read, truncate, append, ct),
                options.RequestTimeout,
                ReleaseUnanswered);
            info.Handle = Register(file);
            _passthroughOpens.Decide(path, info.Handle, file, ref info);

            // The kernel never reads past st_size from its page cache, and a file whose size even SIZE would not
            // tell shows 0: such a file is read past the cache, to the end of the transfer. So is a file another
            // client changed since the kernel was told its size (the invalidation that follows may come too late).
            info.DirectIo |= file.Entry.Size is null || file.ChangedSinceListed;
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e, "open", path);
        }
    }

    /// <summary>
    /// The kernel asks to create a name it found absent; should another create have made it meanwhile, that file is
    /// treated as open(2) treats an existing one: O_EXCL fails, O_TRUNC empties, O_CREAT alone opens it as it is.
    /// </summary>
    internal static CreateOverOpen WhenOpenAlready(FuseOpenInfo info) =>
        info.Exclusive ? CreateOverOpen.Refuse : info.Truncate ? CreateOverOpen.Truncate : CreateOverOpen.Keep;

    public int Create(string path, UnixFileMode mode, ref FuseOpenInfo info)
    {
        try
        {
            var overOpen = WhenOpenAlready(info);
            var append = info.Append;
            var file = Run(ct => core.CreateAsync(RemotePath.Parse(path), (int)mode, overOpen, append, ct), options.RequestTimeout, ReleaseUnanswered);
            info.Handle = Register(file);
            _passthroughOpens.Decide(path, info.Handle, file, ref info);
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e, "create", path);
        }
    }

    public int Read(string path, Span<byte> buffer, long offset, FuseOpenInfo info)
    {
        Interlocked.Increment(ref _readRequests);
        return OnOpenFile("read", path, info, buffer, (file, span) =>
            _bridge.Read(span, (memory, ct) => core.ReadAsync(file, memory, offset, ct).AsTask(), options.RequestTimeout));
    }

    // What libfuse calls (read_buf): the core reads into the reply's own memory, and the read starts on the libfuse
    // worker, so bytes already in the read window or the read cache go out with no copy and no thread switch.
    // Sixteen readers sharing two connections once failed with EIO whether reads started inline or after a hop: the
    // workers all waited for connections held by idle readers (fixed in StreamBudget; ConnectionLimitTests).
    public int ReadInto(string path, FuseReadBuffer buffer, long offset, FuseOpenInfo info)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        Interlocked.Increment(ref _readRequests);
        if (!_handles.TryGetValue(info.Handle, out var file))
        {
            buffer.CallEnded();
            return -Errno.EBADF;
        }

        try
        {
            return _bridge.ReadInto(
                buffer.Memory, buffer.CallEnded, (memory, ct) => core.ReadAsync(file, memory, offset, ct).AsTask(), options.RequestTimeout);
        }
        catch (Exception e)
        {
            return Fail(e, "read", path);
        }
    }

    public int Write(string path, ReadOnlySpan<byte> buffer, long offset, FuseOpenInfo info) =>
        OnOpenFile("write", path, info, buffer, (file, span) => _bridge.Write(
            span,
            async (data, ct) =>
            {
                await core.WriteAsync(file, data, offset, ct).ConfigureAwait(false);
                return data.Length;
            },
            options.RequestTimeout));

    public int Flush(string path, FuseOpenInfo info) => Save(path, info, "flush", core.FlushAsync);

    public int Fsync(string path, bool dataOnly, FuseOpenInfo info) => Save(path, info, "fsync", core.SyncAsync);

    private int Save(string path, FuseOpenInfo info, string operation, Func<OpenFile, CancellationToken, Task> save)
    {
        if (!_handles.TryGetValue(info.Handle, out var file))
        {
            return -Errno.EBADF;
        }

        try
        {
            RunVoid(ct => save(file, ct), options.SaveTimeout);
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e, operation, path);
        }
    }

    public int Release(string path, FuseOpenInfo info)
    {
        // The kernel dropped the open's io mode before it sent the release.
        _passthroughOpens.Released(info.Handle);
        if (!_handles.TryRemove(info.Handle, out var file))
        {
            return -Errno.EBADF;
        }

        try
        {
            RunVoid(ct => core.ReleaseAsync(file, ct), options.SaveTimeout);
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e, "release", path);
        }
    }

    public int Truncate(string path, long length, ulong? handle)
    {
        var file = handle is { } h && _handles.TryGetValue(h, out var open) ? open : null;
        // ftruncate of a file unlinked while open comes without a path; the core then only needs the handle.
        var target = path.Length == 0 && file is not null ? file.Path : path;
        return Do("truncate", path, ct => core.TruncateAsync(RemotePath.Parse(target), length, file, ct), options.SaveTimeout);
    }

    public int Unlink(string path)
    {
        var result = Do("unlink", path, ct => core.DeleteFileAsync(RemotePath.Parse(path), ct));
        if (result == 0)
        {
            _passthroughOpens.NameGone(path);
        }

        return result;
    }

    public int Mkdir(string path, UnixFileMode mode) =>
        Do("mkdir", path, ct => core.CreateDirectoryAsync(RemotePath.Parse(path), (int)mode, ct));

    public int Rmdir(string path) => Do("rmdir", path, ct => core.RemoveDirectoryAsync(RemotePath.Parse(path), ct));

    public int Rename(string path, string newPath, FuseRenameOptions flags)
    {
        if (flags.HasFlag(FuseRenameOptions.Exchange))
        {
            // FTP has no atomic exchange of two names.
            return -Errno.EINVAL;
        }

        var noReplace = flags.HasFlag(FuseRenameOptions.NoReplace);
        var result = Do("rename", path, ct => core.RenameAsync(RemotePath.Parse(path), RemotePath.Parse(newPath), noReplace, ct), options.SaveTimeout);
        if (result == 0)
        {
            _passthroughOpens.Renamed(path, newPath);
        }

        return result;
    }

    public int Utimens(string path, DateTimeOffset? accessTime, DateTimeOffset? modificationTime, ulong? handle)
    {
        if (modificationTime is not { } time)
        {
            // FTP keeps no access time; changing only atime is accepted and has no effect.
            return 0;
        }

        return Do("utimens", path, ct => core.SetModifiedTimeAsync(RemotePath.Parse(path), time, ct));
    }

    public int Chmod(string path, UnixFileMode mode, ulong? handle) =>
        Do("chmod", path, ct => core.ChangeModeAsync(RemotePath.Parse(path), (int)mode & 0xFFF, ct));

    /// <summary>
    /// FTP has no owners: every node shows the mounting user. chown is accepted and has no effect (as in rclone),
    /// so tools that preserve ownership (tar, cp -a as root) do not fail on every file; a missing path still fails.
    /// </summary>
    public int Chown(string path, uint uid, uint gid, ulong? handle) => GetAttr(path, out _, handle);

    public int StatFs(string path, out FuseFileSystemStats stats)
    {
        var figures = RemoteFileSystem.GetStats();
        stats = new FuseFileSystemStats
        {
            BlockSize = (ulong)figures.BlockSize,
            TotalBlocks = (ulong)figures.TotalBlocks,
            FreeBlocks = (ulong)figures.FreeBlocks,
            AvailableBlocks = (ulong)figures.FreeBlocks,
            TotalFiles = (ulong)figures.TotalFiles,
            FreeFiles = (ulong)figures.FreeFiles,
            MaxNameLength = (ulong)figures.MaxNameLength,
        };
        return 0;
    }

    internal FuseAttributes ToAttributes(RemoteEntry entry)
    {
        var kind = entry.Kind switch
        {
            EntryKind.Directory => FuseNodeKind.Directory,
            EntryKind.Symlink => FuseNodeKind.SymbolicLink,
            _ => FuseNodeKind.RegularFile,
        };
        var mode = entry.Mode is { } m
            ? (UnixFileMode)(m & RemoteEntry.PermissionBits)
            : kind == FuseNodeKind.Directory ? options.DefaultDirectoryMode : options.DefaultFileMode;
        return new FuseAttributes
        {
            Kind = kind,
            Permissions = mode & ~options.Umask,
            // Unknown (the server gave no size, not even to SIZE) shows 0, as /proc files do; such files open with direct I/O.
            Size = entry.Kind == EntryKind.Symlink ? entry.SymlinkTarget?.Length ?? 0 : entry.Size ?? 0,
            AccessTime = entry.Modified,
            ModificationTime = entry.Modified,
            ChangeTime = entry.Modified,
        };
    }

    private int GetOpenFileAttributes(ulong? handle, out FuseAttributes attributes)
    {
        attributes = default;
        if (handle is not { } h || !_handles.TryGetValue(h, out var file))
        {
            return -Errno.ENOENT;
        }

        attributes = ToAttributes(file.Entry);
        return 0;
    }

    private ulong Register(OpenFile file)
    {
        var handle = (ulong)Interlocked.Increment(ref _nextHandle);
        _handles[handle] = file;
        return handle;
    }

    /// <summary>
    /// An open or create that completed after its callback had answered the kernel with a failure: the kernel holds
    /// no handle for it, so no release will come, and the core's file (a holder of the node, maybe a spool) is
    /// released here. Otherwise the node stays open for good: write-back never queues its upload, its spool stays.
    /// </summary>
    private void ReleaseUnanswered(OpenFile late) => _ = ReleaseUnansweredAsync(late);

    /// <remarks>
    /// Awaited, not run through the bridge, so no thread blocks on it for up to the save timeout, which still bounds
    /// it; the yield moves it off the thread that completed the late call (the handover runs there synchronously).
    /// </remarks>
    private async Task ReleaseUnansweredAsync(OpenFile late)
    {
        try
        {
            using var deadline = new CancellationTokenSource(options.SaveTimeout);
            await Task.Yield();
            await core.ReleaseAsync(late, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Fail(e, "release of an open answered too late", late.Path);
        }
    }

    private int Do(string operation, string path, Func<CancellationToken, Task> action, TimeSpan? timeout = null)
    {
        try
        {
            RunVoid(action, timeout ?? options.RequestTimeout);
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e, operation, path);
        }
    }

    /// <summary>A read or write on an open file: the span is passed on, not captured, as no lambda may hold it.</summary>
    private int OnOpenFile<TSpan>(string operation, string path, FuseOpenInfo info, TSpan span, SpanCall<TSpan> call)
        where TSpan : allows ref struct
    {
        if (!_handles.TryGetValue(info.Handle, out var file))
        {
            return -Errno.EBADF;
        }

        try
        {
            return call(file, span);
        }
        catch (Exception e)
        {
            return Fail(e, operation, path);
        }
    }

    private T Run<T>(Func<CancellationToken, Task<T>> action, TimeSpan timeout, Action<T>? abandoned = null) =>
        _bridge.Run(action, timeout, abandoned);

    private void RunVoid(Func<CancellationToken, Task> action, TimeSpan timeout) => _bridge.Run(action, timeout);

    private int Fail(Exception error, string operation, string path)
    {
        var errno = ErrnoTable.Negative(error);
        FuseAdapterLog.OperationFailed(_logger, operation, path, -errno, error.Message);
        return errno;
    }

    private delegate int SpanCall<TSpan>(OpenFile file, TSpan span)
        where TSpan : allows ref struct;
}
