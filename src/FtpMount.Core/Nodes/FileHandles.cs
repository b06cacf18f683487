using FtpMount.Core.Cache;
using FtpMount.Core.Entries;
using FtpMount.Core.Errors;
using FtpMount.Core.Paths;
using FtpMount.Core.Spool;
using Microsoft.Extensions.Logging;

namespace FtpMount.Core.Nodes;

/// <summary>
/// The life of a handle on a file: open (joining the file's open node, or reading its entry), create, close (flush,
/// fsync), and the release that saves the content or hands it to the write-back queue, with the node's holder count
/// kept exact under its gate. The races of the kernel's asynchronous releases are settled here.
/// </summary>
internal sealed class FileHandles(
    WritePermission writes,
    ServerPathMap map,
    DirectoryCache cache,
    FileNodeTable nodes,
    FileContent content,
    SpoolJournal journal,
    NamespaceOperations names,
    WriteBackQueue uploads,
    ServerChangeNotice changes,
    Func<RemotePath, CancellationToken, Task<RemoteEntry>> getEntry,
    bool writeBack,
    ILogger logger)
{
    /// <summary>
    /// Opens an existing file. <paramref name="truncate"/> is O_TRUNC; with <paramref name="append"/> (O_APPEND) every
    /// write goes to the end of the file, whatever offset it comes with.
    /// </summary>
    public async Task<OpenFile> OpenAsync(RemotePath path, bool read, bool write, bool truncate, bool append, CancellationToken cancellationToken)
    {
        writes.Ensure(write || truncate);
        // An open file is joined as it is, in one step with finding it: the kernel sends a close's release without
        // waiting, so a program's next open races the last release, and a node that left the table meanwhile must
        // not be made again without the file's entry (that is an empty new file, and its save cut the file to 0).
        var changed = false;
        var node = nodes.TryAcquire(path);
        if (node is null)
        {
            RemoteEntry entry;
            (entry, changed) = await FindFileToOpenAsync(path, truncate, cancellationToken).ConfigureAwait(false);
            node = nodes.Acquire(path, () => new FileNode(path, entry));
        }

        var file = new OpenFile(node, read, write) { Append = append && write, ChangedSinceListed = changed };
        if (truncate)
        {
            await TruncateOrLetGoAsync(file, cancellationToken).ConfigureAwait(false);
        }

        return file;
    }

    /// <summary>The entry of a file no handle has open, checked against the server when only listed.</summary>
    private async Task<(RemoteEntry Entry, bool Changed)> FindFileToOpenAsync(RemotePath path, bool truncate, CancellationToken cancellationToken)
    {
        // A size unknown in the cache is asked now (SIZE) by GetEntryAsync: fresh, no second check needed.
        var listed = cache.TryGetEntry(path, out var cached) && cached is { HasUnknownSize: false };
        var entry = await getEntry(path, cancellationToken).ConfigureAwait(false);
        var changed = false;
        if (listed && !truncate && entry is { Kind: EntryKind.File })
        {
            // The listing may be up to dir_cache_ttl old: another client's new content must be read whole, not cut
            // to the listed size (or refused as a short transfer).
            (entry, changed) = await changes.CheckAsync(path, entry, cancellationToken).ConfigureAwait(false);
        }

        if (entry.IsDirectory)
        {
            throw new RemoteFsException(FsError.IsDirectory, $"{path} is a directory.");
        }

        if (entry.Kind == EntryKind.BlockedLink)
        {
            // The server would follow the link on RETR/STOR: neither reading nor writing may go through it.
            throw new RemoteFsException(FsError.AccessDenied, $"{path} is a symbolic link that leads outside the mount.");
        }

        return (entry, changed);
    }

    /// <summary>
    /// create(2): a new, empty file (see <see cref="RemoteFileSystem.CreateAsync(RemotePath, int?, CancellationToken)"/>).
    /// <paramref name="overOpen"/> says what becomes of a file open here under the name already. The OS asks to create
    /// a name it found absent, but another create of the same name may have come first (two programs, or two Windows
    /// CreateFile calls, at once): that file's content is kept, emptied under its gate, or the create fails, as the
    /// open's own flags say. Emptied unconditionally, without the gate, as it was, it lost what the first creator had
    /// written. With <paramref name="append"/> (O_APPEND) every write goes to the end of the file, the other creator's
    /// writes included.
    /// </summary>
    public async Task<OpenFile> CreateAsync(RemotePath path, int? mode, CreateOverOpen overOpen, bool append, CancellationToken cancellationToken)
    {
        writes.Ensure(true);

        // A path the server cannot take fails at open(), not at the close() that uploads it.
        _ = map.ToServer(path);
        // Made whole before it is in the table: an open that joins it at once must not see it emptied afterwards.
        var fresh = new FileNode(path, null);
        content.StartEmpty(fresh);
        fresh.ModeSetBeforeUpload(mode & RemoteEntry.PermissionBits);
        var node = nodes.AddOrFind(path, fresh, join: overOpen != CreateOverOpen.Refuse);
        if (ReferenceEquals(node, fresh))
        {
            names.FolderChanged(path.Parent);
            return new OpenFile(node, true, true) { Append = append };
        }

        // Not needed after all: its empty spool goes (a node never entered is nothing to upload).
        fresh.Detached();
        fresh.CloseSpool();

        if (overOpen == CreateOverOpen.Refuse)
        {
            throw new RemoteFsException(FsError.AlreadyExists, $"{path} already exists.");
        }

        var file = new OpenFile(node, true, true) { Append = append, Existed = true };
        if (overOpen == CreateOverOpen.Truncate)
        {
            await TruncateOrLetGoAsync(file, cancellationToken).ConfigureAwait(false);
        }

        return file;
    }

    /// <summary>
    /// Empties the file of a handle being opened (O_TRUNC). When that fails the handle never reaches the program, so
    /// its count goes as a close would take it: left counted, the node stayed in the table for good and every later
    /// open joined it instead of reading the server's file.
    /// </summary>
    private async Task TruncateOrLetGoAsync(OpenFile file, CancellationToken cancellationToken)
    {
        try
        {
            await NodeGate.RunAsync(file.Node, n => content.TruncateAsync(n, 0, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await ReleaseAsync(file, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// close(2) of a descriptor: saves unsaved content and reports a failure (the data stays local). With write-back
    /// it only journals the content; the upload follows the last release.
    /// </summary>
    public Task FlushAsync(OpenFile file, CancellationToken cancellationToken) =>
        !writeBack ? SyncAsync(file, cancellationToken) : NodeGate.RunAsync(file.Node, JournalAsync, cancellationToken);

    /// <summary>
    /// fsync(2): the content is on the server when this returns, write-back or not. A save refused for good leaves
    /// the content to the handles that have it and takes the node out of the table: the program was told, and the
    /// next open (which the kernel may serve before this handle's release) shows the server's file, not the refused one.
    /// </summary>
    public async Task SyncAsync(OpenFile file, CancellationToken cancellationToken)
    {
        try
        {
            await NodeGate.RunAsync(file.Node, n => content.SaveAsync(n, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (RemoteFsException e) when (WriteBackQueue.IsPermanent(e.Error))
        {
            nodes.Detach(file.Node);
            throw;
        }
    }

    /// <summary>The last handle is gone: saves what is unsaved (or queues it for write-back), then forgets the node and its spool.</summary>
    public async Task ReleaseAsync(OpenFile file, CancellationToken cancellationToken)
    {
        var node = file.Node;
        if (file.TakeReader() is { } reader)
        {
            await reader.DisposeAsync().ConfigureAwait(false);
        }

        Interlocked.Exchange(ref file.CacheLeaseField, null)?.Dispose();

        if (writeBack)
        {
            await ReleaseToWriteBackAsync(node).ConfigureAwait(false);
            return;
        }

        RemoteFsException? failure = null;
        try
        {
            await FlushAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (RemoteFsException e)
        {
            // release(2)'s result reaches no application: the data stays journaled and is retried in the background
            // (counted in status) until it is on the server, superseded, refused for good, or the mount stops.
            FsLog.UploadFailedKept(logger, node.Path.Value, node.Spool?.FilePath ?? "(no local copy)", e.Message);
            failure = e;
        }

        await ReleaseHandleAsync(
            node,
            n =>
            {
                if (failure is not null && WriteBackQueue.IsPermanent(failure.Error))
                {
                    // "Never under this name": the mount stops showing the content (close() reported the refusal).
                    uploads.Refuse(n, failure);
                }
                else if (failure is not null && n.OpenHandles == 1)
                {
                    uploads.TryEnqueue(n, retry: true);
                }

                return Task.CompletedTask;
            },
            CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Only the last handle queues: earlier ones would upload content that is still being written.</summary>
    private Task ReleaseToWriteBackAsync(FileNode node) =>
        ReleaseHandleAsync(
            node,
            n =>
            {
                if (n.OpenHandles == 1)
                {
                    uploads.TryEnqueue(n);
                }

                return Task.CompletedTask;
            },
            CancellationToken.None);

    /// <summary>
    /// Runs <paramref name="beforeRelease"/> and drops the handle's count on the node in one hold of the node's gate.
    /// A queued upload's task checks the count under the gate (a handle still open takes the node back from the
    /// queue, and its last release queues it again): a count dropped after the gate let go, as it used to be, was
    /// read there as a handle still open, and with no write-back delay the closed file was neither sent nor reported.
    /// The count is dropped even when the gate is never had (cancelled); the node leaves the table with its last holder.
    /// </summary>
    public async Task ReleaseHandleAsync(FileNode node, Func<FileNode, Task> beforeRelease, CancellationToken cancellationToken)
    {
        var released = false;
        var last = false;
        try
        {
            await NodeGate.RunAsync(
                node,
                async n =>
                {
                    try
                    {
                        await beforeRelease(n).ConfigureAwait(false);
                    }
                    finally
                    {
                        last = nodes.Release(n);
                        released = true;
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (!released)
            {
                last = nodes.Release(node);
            }

            if (last)
            {
                node.CloseSpool();
            }
        }
    }

    /// <summary>close(2) with write-back: the content is durable on local disk when this returns, or close fails (ENOSPC).</summary>
    private Task JournalAsync(FileNode node)
    {
        if (node.Dirty && !node.Deleted && !node.Journaled)
        {
            try
            {
                journal.Record(node);
            }
            catch (IOException e)
            {
                throw FtpErrorTranslator.Translate(e, $"Keeping {node.Path} in the local spool for its upload failed");
            }
        }

        return Task.CompletedTask;
    }
}
