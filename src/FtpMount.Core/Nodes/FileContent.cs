using FtpMount.Core.Cache;
using FtpMount.Core.Entries;
using FtpMount.Core.Errors;
using FtpMount.Core.Handles;
using FtpMount.Core.Paths;
using FtpMount.Core.ReadCache;
using FtpMount.Core.Spool;
using FtpMount.Core.Storage;
using FtpMount.Ftp.Errors;
using Microsoft.Extensions.Logging;

namespace FtpMount.Core.Nodes;

/// <summary>
/// Content operations on an open file: reads (spool or remote), writes (spool, plus a streaming STOR while writes
/// come in order from offset 0), truncation, and saving (flush/fsync/release). Callers hold the node's gate for
/// everything but remote reads.
/// </summary>
internal sealed class FileContent(
    IRemoteStore client,
    ServerPathMap map,
    Uploader uploader,
    DirectoryCache cache,
    SpoolJournal journal,
    RemoteFileSystemOptions options,
    ServerChangeNotice changes,
    ReadCacheStore? readCache,
    ILogger logger)
{
    private readonly StreamBudget _budget = new(client.Connections);

    /// <summary>Parallel read segments started so far (0 while every stream is fast).</summary>
    public long SegmentsStarted => _budget.SegmentsStarted;

    /// <summary>The highest measured stream rate that the planner split (0 before any split).</summary>
    public double FastestSplitBytesPerSecond => _budget.FastestSplitBytesPerSecond;

    /// <summary>Gives the node an empty spool: a new file, or O_TRUNC. Starts a streaming upload on the first write.</summary>
    public void StartEmpty(FileNode node)
    {
        readCache?.Invalidate(map.ToServer(node.Path));
        node.Emptied(journal.CreateSpool, DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Copies the server's content into a spool so it can be changed in place (O_RDWR, append, truncate to non-zero).
    /// The copy must be the whole file: it is checked against the known size (a download that ends early, even with
    /// 226, or runs past it fails with EIO and nothing is changed), and without a size it runs to the server's end.
    /// </summary>
    public async Task MaterializeAsync(FileNode node, CancellationToken cancellationToken)
    {
        if (node.Spool is not null)
        {
            return;
        }

        // The content is about to change through the mount, perhaps within the listed time's resolution (LIST
        // gives minutes) and at the same size: the cached bytes could not be told from the new ones.
        readCache?.Invalidate(map.ToServer(node.Path));
        var spool = journal.CreateSpool();
        try
        {
            if (node.ServerEntry is { } entry)
            {
                var length = await CopyFromServerAsync(node.Path, entry.Size, spool, cancellationToken).ConfigureAwait(false);
                LearnSize(node, length);
            }
        }
        catch (Exception e)
        {
            spool.Dispose();
            throw FtpErrorTranslator.Translate(e, $"Reading {node.Path} for changing it failed");
        }

        node.Copied(spool, DateTimeOffset.UtcNow);
    }

    /// <summary>The whole file into <paramref name="spool"/>; its length, exactly <paramref name="size"/> when that is known.</summary>
    private async Task<long> CopyFromServerAsync(RemotePath path, long? size, SpoolFile spool, CancellationToken cancellationToken)
    {
        var download = await client.OpenReadAsync(map.ToServer(path), 0, cancellationToken).ConfigureAwait(false);
        await using (download.ConfigureAwait(false))
        {
            download.ExpectedLength = size;
            var buffer = new byte[256 * 1024];
            long offset = 0;
            int read;
            while ((read = await download.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await spool.WriteAsync(buffer.AsMemory(0, read), offset, cancellationToken).ConfigureAwait(false);
                offset += read;
            }

            return offset;
        }
    }

    /// <summary>
    /// Records the length of a file whose size the server did not give, once a transfer ran to the server's end
    /// (its 226 is all that vouches for it), so stat shows it and later reads stop there.
    /// </summary>
    private void LearnSize(FileNode node, long length)
    {
        if (node.SizeLearned(length) is { } known)
        {
            cache.Update(node.Path, known);
        }
    }

    public ValueTask<int> ReadAsync(OpenFile file, Memory<byte> buffer, long offset, CancellationToken cancellationToken) =>
        ReadAsync(file, buffer, offset, recheck: true, cancellationToken);

    private async ValueTask<int> ReadAsync(OpenFile file, Memory<byte> buffer, long offset, bool recheck, CancellationToken cancellationToken)
    {
        var node = file.Node;
        if (node.Spool is { } spool)
        {
            return spool.Read(buffer.Span, offset);
        }

        // Null: the server gave no size; the reader goes to the end of the transfer.
        var size = node.ServerEntry?.Size;
        if (offset >= size)
        {
            return 0;
        }

        var serverPath = map.ToServer(node.Path);
        var lease = await CacheLeaseAsync(file, serverPath, node.ServerEntry).ConfigureAwait(false);
        if (lease is not null && size is { } known
            && lease.TryRead(offset, buffer.Span[..(int)Math.Min(buffer.Length, known - offset)]))
        {
            // Bytes of this version went out: a change noticed by a later download must fail, not mix versions.
            file.Served = true;
            return (int)Math.Min(buffer.Length, known - offset);
        }

        // A small file needs no more window than its size; every open reader holds its window until release.
        var window = (int)Math.Min(size ?? long.MaxValue, Math.Max(options.ReadAheadBytes, 64 * 1024));
        var reader = file.Reader;
        if (reader is null)
        {
            var made = new RemoteReader(client, serverPath, window, options.ForwardSkipBytes, _budget, options.ParallelSegments, lease);
            reader = Interlocked.CompareExchange(ref file.ReaderField, made, null) ?? made;
            if (reader != made)
            {
                // Another read of this handle made one first; this one has opened nothing yet.
                await made.DisposeAsync().ConfigureAwait(false);
            }
        }

        try
        {
            var read = await reader.ReadAsync(buffer, offset, size, cancellationToken).ConfigureAwait(false);
            if (reader.LearnedLength is { } learned)
            {
                LearnSize(node, learned);
            }

            file.Served |= read > 0;
            return read;
        }
        catch (FtpTransferLengthException e) when (recheck)
        {
            await DropReaderAsync(file).ConfigureAwait(false);
            if (!await changes.AdoptAsync(node, cancellationToken).ConfigureAwait(false))
            {
                // Same size on the server: the data connection was cut, not the file changed.
                throw FtpErrorTranslator.Translate(e, $"Reading {node.Path} failed");
            }

            // Bytes of the old version went out already, or the OS would cut the new content to the old size it
            // was told (its page cache stops at st_size): failing is better than mixing or cutting versions.
            if (file.Served || (node.ServerEntry?.Size > size && !file.ChangedSinceListed))
            {
                throw new RemoteFsException(
                    FsError.IoError, $"{node.Path} changed on the server while it was being read; open it again to read the new content.");
            }

            return await ReadAsync(file, buffer, offset, recheck: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FtpException or IOException)
        {
            throw FtpErrorTranslator.Translate(e, $"Reading {node.Path} failed");
        }
    }

    /// <summary>
    /// The handle's lease on the read cache for the version of the file the listing gives now; a lease of another
    /// version (the file changed on the server since) is given back, with the reader that fed it. Null without a cache
    /// or a size.
    /// </summary>
    private async ValueTask<ReadCacheLease?> CacheLeaseAsync(OpenFile file, string serverPath, RemoteEntry? entry)
    {
        if (readCache is null || entry is null || CacheIdentity.Of(serverPath, entry) is not { } identity)
        {
            return null;
        }

        var held = file.CacheLease;
        if (held is not null)
        {
            if (held.Identity == identity)
            {
                return held;
            }

            // The reader fed the old version's lease; the next read starts a new one for this version.
            await DropReaderAsync(file).ConfigureAwait(false);
        }

        // The kernel sends reads of one handle in parallel: exactly one lease per handle may be taken and given back.
        var lease = new ReadCacheLease(readCache, readCache.Acquire(identity), identity);
        var before = Interlocked.CompareExchange(ref file.CacheLeaseField, lease, held);
        if (before != held)
        {
            lease.Dispose();
            return before is not null && before.Identity == identity ? before : null;
        }

        held?.Dispose();
        return lease;
    }

    private static async ValueTask DropReaderAsync(OpenFile file)
    {
        if (file.TakeReader() is { } reader)
        {
            await reader.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <param name="append">The handle was opened with O_APPEND: the data goes to the end of the file whatever the
    /// offset, which the kernel took from a size it may not know (a file listed without one shows 0).</param>
    public async ValueTask WriteAsync(FileNode node, ReadOnlyMemory<byte> data, long offset, bool append, CancellationToken cancellationToken)
    {
        await MaterializeAsync(node, cancellationToken).ConfigureAwait(false);
        var spool = node.Spool!;
        if (append)
        {
            offset = spool.Length;
        }

        var lengthBefore = spool.Length;
        node.ContentChangedFrom(offset);
        try
        {
            // The spool first: a write its disk refuses (ENOSPC) must reach neither it nor the streaming upload.
            await spool.WriteAsync(data, offset, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw FtpErrorTranslator.Translate(e, $"Writing {node.Path} to the local spool failed");
        }

        await FeedStreamingAsync(node, data, offset, lengthBefore, cancellationToken).ConfigureAwait(false);
        node.Changed(DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Sends in-order writes of a file that started empty straight into a STOR, so closing a large file does not
    /// wait for the whole upload. Any deviation (a seek, a rewrite, a truncate) cancels it; the spool has every byte.
    /// A STOR whose connection breaks leaves its temporary file for the save at close to go on from.
    /// </summary>
    private async ValueTask FeedStreamingAsync(FileNode node, ReadOnlyMemory<byte> data, long offset, long spoolLength, CancellationToken cancellationToken)
    {
        var streaming = node.Streaming;
        if (streaming is null)
        {
            // An unlinked file lives on in its spool only; a STOR for it would leave a stray file on the server.
            if (node.Deleted || offset != 0 || spoolLength != 0 || data.Length < 64 * 1024)
            {
                // Small files are cheaper to send whole at close: no connection is held open while the app writes.
                return;
            }

            if (!_budget.TryStartUpload())
            {
                return;
            }

            try
            {
                streaming = await uploader.StartStreamingAsync(node, cancellationToken).ConfigureAwait(false);
                streaming.Ended = _budget.UploadEnded;
                node.StreamingStarted(streaming);
            }
            catch (FtpException e)
            {
                _budget.UploadEnded();
                FsLog.StreamingFallback(logger, node.Path.Value, e.Message);
                return;
            }
        }

        if (offset != streaming.NextOffset || spoolLength != streaming.NextOffset)
        {
            await uploader.CancelStreamingAsync(node).ConfigureAwait(false);
            return;
        }

        try
        {
            await streaming.Stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            streaming.NextOffset += data.Length;
        }
        catch (Exception e) when (e is FtpException or IOException)
        {
            FsLog.StreamingFallback(logger, node.Path.Value, e.Message);
            // Part of this write may have reached the server too: every byte handed to the STOR is in the spool.
            await uploader.StreamingFailedAsync(node, streaming.NextOffset + data.Length, e).ConfigureAwait(false);
        }
    }

    /// <summary>Stops a streaming upload and removes its temporary files (the file was deleted while open).</summary>
    public Task AbandonStreamingAsync(FileNode node) => uploader.AbandonAsync(node);

    public async Task TruncateAsync(FileNode node, long length, CancellationToken cancellationToken)
    {
        if (length == 0)
        {
            await uploader.CancelStreamingAsync(node).ConfigureAwait(false);
            StartEmpty(node);
            return;
        }

        await MaterializeAsync(node, cancellationToken).ConfigureAwait(false);
        node.ContentChangedFrom(length);
        if (node.Streaming is not null && length != node.Spool!.Length)
        {
            await uploader.CancelStreamingAsync(node).ConfigureAwait(false);
        }

        try
        {
            node.Spool!.SetLength(length);
        }
        catch (IOException e)
        {
            throw FtpErrorTranslator.Translate(e, $"Resizing {node.Path} in the local spool failed");
        }

        node.Changed(DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Puts unsaved content on the server; errors propagate so close() and fsync() report them, and the content is
    /// journaled so that not even a crash of the mount loses it.
    /// </summary>
    public async Task SaveAsync(FileNode node, CancellationToken cancellationToken)
    {
        if (node.Deleted)
        {
            // Replaced by a rename while a streaming upload was running, or after one was cut: its temporary file must go too.
            await uploader.AbandonAsync(node).ConfigureAwait(false);
            return;
        }

        if (!node.Dirty)
        {
            return;
        }

        try
        {
            await UploadAsync(node, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            TryRecord(node);
            throw;
        }

        // This save supersedes every earlier pending version of the path, this node's and any older one.
        journal.Clear(node);
    }

    /// <summary>Journals a node whose save failed; if even that fails (a full spool disk), says so and goes on.</summary>
    public bool TryRecord(FileNode node)
    {
        try
        {
            journal.Record(node);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            FsLog.NotJournaled(logger, node.Path.Value, e.Message);
            return false;
        }
    }

    private async Task UploadAsync(FileNode node, CancellationToken cancellationToken)
    {
        var entry = node.Streaming is not null && node.Streaming.NextOffset == node.Spool!.Length
            ? await uploader.TryFinishStreamingAsync(node, cancellationToken).ConfigureAwait(false)
            : null;
        if (entry is null)
        {
            await uploader.CancelStreamingAsync(node).ConfigureAwait(false);
            entry = await uploader.UploadAsync(node, cancellationToken).ConfigureAwait(false);
        }

        node.Uploaded(entry);
        cache.Update(node.Path, entry);
    }
}
