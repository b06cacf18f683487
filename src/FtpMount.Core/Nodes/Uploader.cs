using FtpMount.Core.Cache;
using FtpMount.Core.Entries;
using FtpMount.Core.Errors;
using FtpMount.Core.Paths;
using FtpMount.Core.Spool;
using FtpMount.Core.Storage;
using FtpMount.Ftp;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Placing;
using Microsoft.Extensions.Logging;

namespace FtpMount.Core.Nodes;

/// <summary>
/// Puts a file's new content on the server without ever destroying the old one on failure: upload to a
/// temporary name in the same directory, verify its size, then rename it over the target with <see cref="RenameOver"/>.
/// Metadata set while the file was open (mode, mtime) follows the rename.
/// </summary>
internal sealed class Uploader(
    IRemoteStore client,
    ServerPathMap map,
    TemporaryLedger ledger,
    RenameOver renameOver,
    FolderTimes folderTimes,
    ExactTimes times,
    ILogger logger)
{
    /// <summary>The file behind each temporary name being uploaded, for status reports.</summary>
    public UploadTargets Targets { get; } = new();

    private bool _modeUnsupported;

    /// <summary>
    /// Uploads the node's spool and places it; returns the entry now on the server. Where a cut streaming upload
    /// left a temporary file in the same folder, the upload goes on from what it holds of the spool's unchanged bytes.
    /// </summary>
    public async Task<RemoteEntry> UploadAsync(FileNode node, CancellationToken cancellationToken)
    {
        var spool = node.Spool ?? throw new InvalidOperationException("Nothing to upload: the file has no local content.");
        var length = spool.Length;
        var (temporary, kept) = await TemporaryForAsync(node, length).ConfigureAwait(false);
        try
        {
            // The node's gate is held: no write can change the spool while it is sent. A seekable source lets
            // the client resend it after a lost connection.
            var source = spool.OpenRead();
            await using (source.ConfigureAwait(false))
            {
                Targets.Add(temporary, node, length);
                try
                {
                    var uploaded = await client.UploadAsync(temporary, source, kept, cancellationToken).ConfigureAwait(false);
                    if (uploaded != length)
                    {
                        throw new FtpIntegrityException($"Upload of {node.Path} sent {uploaded} of {length} bytes.");
                    }
                }
                finally
                {
                    Targets.Remove(temporary);
                }
            }
        }
        catch (Exception e)
        {
            await DeleteQuietlyAsync(temporary, node.Path.Parent).ConfigureAwait(false);
            throw FtpErrorTranslator.Translate(e, $"Saving {node.Path} to the server failed");
        }

        return await PlaceAsync(temporary, node, length, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The name to upload to and how many of the spool's first bytes it may hold already: a kept upload's name while
    /// its bytes are still the spool's and it lies in the file's folder, else a new name (the kept one is removed).
    /// </summary>
    private async Task<(string Temporary, long Kept)> TemporaryForAsync(FileNode node, long length)
    {
        if (node.KeptTaken() is { } kept)
        {
            if (!kept.Changed && kept.Folder == node.Path.Parent)
            {
                FsLog.GoingOnFromCutStreaming(logger, node.Path.Value, kept.Streamed);
                return (kept.TemporaryPath, Math.Min(kept.Streamed, length));
            }

            await DeleteQuietlyAsync(kept.TemporaryPath, kept.Folder).ConfigureAwait(false);
        }

        return (NewTemporary(node.Path.Parent), 0);
    }

    public async Task<StreamingUpload> StartStreamingAsync(FileNode node, CancellationToken cancellationToken)
    {
        // Emptied and written from 0 again after a cut: the new stream replaces what the old one left.
        await DiscardKeptAsync(node).ConfigureAwait(false);
        var temporary = NewTemporary(node.Path.Parent);
        try
        {
            // The file is still being written: its final size is not known yet.
            Targets.Add(temporary, node, null);
            var stream = await client.OpenWriteAsync(temporary, cancellationToken).ConfigureAwait(false);
            return new StreamingUpload(temporary, node.Path.Parent, stream);
        }
        catch
        {
            Targets.Remove(temporary);
            await DeleteQuietlyAsync(temporary, node.Path.Parent).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Completes a streaming upload that received every byte of the spool; false means "fall back to the spool".</summary>
    public async Task<RemoteEntry?> TryFinishStreamingAsync(FileNode node, CancellationToken cancellationToken)
    {
        var streaming = node.StreamingEnded()!;
        try
        {
            await streaming.Stream.CompleteAsync(node.Spool!.Length, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FtpException or IOException)
        {
            FsLog.StreamingFallback(logger, node.Path.Value, e.Message);
            await streaming.CloseAsync().ConfigureAwait(false);
            if (LeftAPrefix(e))
            {
                node.PartKept(streaming.Kept(streaming.NextOffset));
            }
            else
            {
                await DeleteQuietlyAsync(streaming.TemporaryPath, node.Path.Parent).ConfigureAwait(false);
            }

            return null;
        }
        finally
        {
            // The data connection is done either way (a cancelled completion closes it too).
            Targets.Remove(streaming.TemporaryPath);
        }

        await streaming.CloseAsync().ConfigureAwait(false);
        return await PlaceAsync(streaming.TemporaryPath, node, node.Spool!.Length, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Abandons a streaming upload (writes stopped being sequential) and removes its temporary file.</summary>
    public async Task CancelStreamingAsync(FileNode node)
    {
        var streaming = node.StreamingEnded();
        if (streaming is not null)
        {
            Targets.Remove(streaming.TemporaryPath);
            await streaming.CloseAsync().ConfigureAwait(false);
            await DeleteQuietlyAsync(streaming.TemporaryPath, node.Path.Parent).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A write into the streaming upload failed after <paramref name="offered"/> bytes in all were handed to it.
    /// Where the connection broke, what the server kept is a prefix of those: its temporary file stays for the save to
    /// go on from. A refusal (5xx) says nothing of what is there, and the file is removed.
    /// </summary>
    public async Task StreamingFailedAsync(FileNode node, long offered, Exception error)
    {
        if (!LeftAPrefix(error))
        {
            await CancelStreamingAsync(node).ConfigureAwait(false);
            return;
        }

        var streaming = node.StreamingEnded();
        if (streaming is not null)
        {
            Targets.Remove(streaming.TemporaryPath);
            await streaming.CloseAsync().ConfigureAwait(false);
            node.PartKept(streaming.Kept(offered));
        }
    }

    /// <summary>The file was deleted or replaced while open: a streaming upload and a kept one are removed from the server.</summary>
    public async Task AbandonAsync(FileNode node)
    {
        await CancelStreamingAsync(node).ConfigureAwait(false);
        await DiscardKeptAsync(node).ConfigureAwait(false);
    }

    private async Task DiscardKeptAsync(FileNode node)
    {
        if (node.KeptTaken() is { } kept)
        {
            await DeleteQuietlyAsync(kept.TemporaryPath, kept.Folder).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A broken or timed-out connection, or a transfer the server aborted (426) or could not finish (4xx), may have
    /// stored part of what was sent; a 5xx refusal or a wrong size after 226 leaves nothing to trust.
    /// </summary>
    private static bool LeftAPrefix(Exception error) =>
        error is IOException or FtpConnectionLostException or FtpTimeoutException or FtpTransientException;

    /// <summary>
    /// Renames the verified upload over the file. The mode and time set while the file was open go with the rename,
    /// on the temporary file (<see cref="IRemoteStore.PlaceUploadAsync"/>: one round trip where the server takes
    /// pipelined commands); only where a refused rename needed repairs are they set on the file afterwards.
    /// </summary>
    private async Task<RemoteEntry> PlaceAsync(string temporary, FileNode node, long length, CancellationToken cancellationToken)
    {
        var target = map.ToServer(node.Path);
        // A journal written by an older version may still carry setuid/setgid/sticky: they are never sent.
        var mode = (node.PendingMode ?? node.ServerEntry?.Mode) & RemoteEntry.PermissionBits;
        var sentMode = Volatile.Read(ref _modeUnsupported) ? null : mode;
        var pending = node.PendingModified;
        FtpPlaceOutcome? outcome = null;
        try
        {
            await renameOver.RunAsync(
                temporary,
                target,
                directory: false,
                async ct => outcome = await client.PlaceUploadAsync(temporary, target, sentMode, pending, ct).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
            ledger.Remove(temporary);
        }
        catch (Exception e)
        {
            await DeleteQuietlyAsync(temporary, node.Path.Parent).ConfigureAwait(false);
            throw FtpErrorTranslator.Translate(e, $"Saving {node.Path} to the server failed");
        }
        finally
        {
            // The temporary name and the rename moved the server's time of the folder; a program saw no change there.
            folderTimes.ContentSaved(node.Path.Parent);
        }

        var modified = DateTimeOffset.UtcNow;
        if (outcome is null)
        {
            // The rename went in through RenameOver's repairs: whether the first flight set mode and time is unknown.
            if (sentMode is { } wanted)
            {
                await TryChangeModeAsync(target, wanted, cancellationToken).ConfigureAwait(false);
            }

            if (pending is { } time && await TrySetTimeAsync(node, target, length, time, cancellationToken).ConfigureAwait(false))
            {
                modified = time;
            }
        }
        else
        {
            if (outcome.ModeError is { } modeError)
            {
                ModeNotApplied(temporary, modeError);
            }

            if (pending is { } time)
            {
                if (outcome.TimeError is { } timeError)
                {
                    FsLog.MetadataNotApplied(logger, node.Path.Value, timeError.Message);
                }
                else
                {
                    TimeApplied(node, length, time);
                    modified = time;
                }
            }
        }

        return new RemoteEntry(node.Path.Name, EntryKind.File, length, modified, node.TakePendingMode() ?? node.ServerEntry?.Mode, null);
    }

    private void TimeApplied(FileNode node, long length, DateTimeOffset time)
    {
        node.PendingModifiedApplied();
        times.Remember(node.Path, length, time);
    }

    private async Task<bool> TrySetTimeAsync(FileNode node, string target, long length, DateTimeOffset time, CancellationToken cancellationToken)
    {
        try
        {
            await client.SetModifiedTimeAsync(target, time, cancellationToken).ConfigureAwait(false);
            TimeApplied(node, length, time);
            return true;
        }
        catch (FtpException e)
        {
            FsLog.MetadataNotApplied(logger, node.Path.Value, e.Message);
            return false;
        }
    }

    private async Task TryChangeModeAsync(string path, int mode, CancellationToken cancellationToken)
    {
        try
        {
            await client.ChangeModeAsync(path, mode, cancellationToken).ConfigureAwait(false);
        }
        catch (FtpPermanentException e)
        {
            ModeNotApplied(path, e);
        }
    }

    /// <summary>
    /// Keeping the content matters more than keeping the mode; SITE CHMOD is optional on servers. One that does not
    /// know the command (IIS: 500/502) is not asked again for every file created.
    /// </summary>
    private void ModeNotApplied(string path, FtpException e)
    {
        FsLog.MetadataNotApplied(logger, path, e.Message);
        if (e.Reply?.Code is 500 or 502 or 504)
        {
            Volatile.Write(ref _modeUnsupported, true);
        }
    }

    /// <summary>
    /// A fresh temporary name in <paramref name="directory"/>, recorded in the spool folder before any STOR can create
    /// it, so that the next mount removes it if this one dies before renaming or deleting it.
    /// </summary>
    private string NewTemporary(RemotePath directory)
    {
        var temporary = FtpPaths.Combine(map.ToServer(directory), TemporaryNames.Upload());
        try
        {
            ledger.Add(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full spool disk must not stop uploads, which free it; the cost is a possible leftover after a crash.
            FsLog.StreamingFallback(logger, temporary, $"not recorded for cleanup: {e.Message}");
        }

        return temporary;
    }

    /// <summary>Removes a temporary file of an earlier run (the ledger named it); true when it is gone from the server.</summary>
    public async Task<bool> RemoveLeftoverAsync(string temporary, CancellationToken cancellationToken)
    {
        try
        {
            await client.DeleteFileAsync(temporary, cancellationToken).ConfigureAwait(false);
        }
        catch (FtpPermanentException)
        {
            // Never created (the STOR had not started), or already gone.
        }
        catch (Exception e) when (e is FtpException or OperationCanceledException)
        {
            return false;
        }

        ledger.Remove(temporary);
        return true;
    }

    private async Task DeleteQuietlyAsync(string path, RemotePath folder)
    {
        folderTimes.ContentSaved(folder);
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await client.DeleteFileAsync(path, deadline.Token).ConfigureAwait(false);
            ledger.Remove(path);
        }
        catch (FtpPermanentException)
        {
            // The temporary file was never created (the STOR failed before it began): nothing is left behind.
            ledger.Remove(path);
        }
        catch (Exception e) when (e is FtpException or OperationCanceledException)
        {
            // The server is unreachable: the ledger keeps the name and the next mount removes the file.
        }
    }
}
