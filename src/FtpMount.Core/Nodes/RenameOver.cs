using System.Runtime.ExceptionServices;
using FtpMount.Core.Storage;
using FtpMount.Ftp;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Listing;
using Microsoft.Extensions.Logging;

namespace FtpMount.Core.Nodes;

/// <summary>
/// Renames a file or folder over an existing target without ever destroying the target before its replacement is in
/// place. Most servers rename over a file (rename(2): vsftpd, pure-ftpd, proftpd, pyftpdlib); IIS refuses with 550
/// when the target exists. A 5xx does not say why, so the target is looked up: only when it exists is it moved aside
/// to a hidden name (<see cref="TemporaryNames.Aside"/>), the source renamed in, and the aside removed; should the
/// rename in fail, the aside goes back. A refusal for any other reason (permissions, policy, quota) is reported with
/// nothing changed. Callers decide beforehand whether replacing is allowed (a folder target must be empty).
/// </summary>
internal sealed class RenameOver(IRemoteStore client, ILogger logger)
{
    /// <summary>The repair steps (look up, move back, remove the aside) get their own deadline: the caller's may be spent.</summary>
    private static readonly TimeSpan RepairDeadline = TimeSpan.FromSeconds(30);

    /// <param name="directory">Whether <paramref name="from"/> is a folder: only a folder replaces a folder, and only an empty one.</param>
    public Task RunAsync(string from, string to, bool directory, CancellationToken cancellationToken) =>
        RunAsync(from, to, directory, ct => client.RenameAsync(from, to, ct), cancellationToken);

    /// <param name="firstRename">The first try: a plain rename, or one that sets the mode and time first
    /// (<see cref="IRemoteStore.PlaceUploadAsync"/>). Repairs after a refusal use plain renames.</param>
    public async Task RunAsync(string from, string to, bool directory, Func<CancellationToken, Task> firstRename, CancellationToken cancellationToken)
    {
        FtpPermanentException refusal;
        try
        {
            await firstRename(cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (FtpRenameSourceRefusedException)
        {
            throw;
        }
        catch (FtpPermanentException e)
        {
            refusal = e;
        }

        var target = await LookUpQuietlyAsync(to).ConfigureAwait(false);
        if (target is null || !await IsReplaceableAsync(target, to, directory).ConfigureAwait(false))
        {
            // No target, none we can see, or one rename(2) would not replace: the refusal stands as it is.
            ExceptionDispatchInfo.Throw(refusal);
        }

        var aside = FtpPaths.Combine(FtpPaths.Split(to).Parent, TemporaryNames.Aside());
        try
        {
            await client.RenameAsync(to, aside, cancellationToken).ConfigureAwait(false);
        }
        catch (FtpException)
        {
            // The target cannot be moved either: the first refusal is the one to report.
            ExceptionDispatchInfo.Throw(refusal);
        }

        try
        {
            await client.RenameAsync(from, to, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FtpException or OperationCanceledException)
        {
            if (!await RestoreAsync(from, to, aside, e).ConfigureAwait(false))
            {
                throw;
            }
        }

        await RemoveAsideAsync(aside, to, target.Type == FtpEntryType.Directory).ConfigureAwait(false);
    }

    /// <summary>
    /// After a failed rename in: puts the aside back where the target was. True when the rename in took effect after
    /// all (its reply was lost or lied), so the aside is the one to remove.
    /// </summary>
    private async Task<bool> RestoreAsync(string from, string to, string aside, Exception failure)
    {
        using var deadline = new CancellationTokenSource(RepairDeadline);
        try
        {
            if (await client.GetEntryAsync(to, deadline.Token).ConfigureAwait(false) is not null)
            {
                if (await client.GetEntryAsync(from, deadline.Token).ConfigureAwait(false) is null)
                {
                    return true;
                }

                // Someone else's file took the name meanwhile: neither it nor the aside may be overwritten.
                await KeepVisibleAsync(to, aside, failure, deadline.Token).ConfigureAwait(false);
                return false;
            }

            // Only into a free name: moving back over a replacement that did arrive would destroy the source's content.
            await client.RenameAsync(aside, to, deadline.Token).ConfigureAwait(false);
            FsLog.RenameOverUndone(logger, from, to, failure.Message);
        }
        catch (FtpPermanentException e)
        {
            // The server lets the old file be renamed away but refuses every rename onto its name (a policy on the
            // name, not on existence): the old content must at least stay visible, never under a hidden name.
            await KeepVisibleAsync(to, aside, e, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FtpException or OperationCanceledException)
        {
            FsLog.AsideNotRestored(logger, to, aside, e.Message);
        }

        return false;
    }

    private async Task KeepVisibleAsync(string to, string aside, Exception refusal, CancellationToken cancellationToken)
    {
        var (parent, name) = FtpPaths.Split(to);
        var kept = FtpPaths.Combine(parent, TemporaryNames.Kept(name));
        try
        {
            await client.RenameAsync(aside, kept, cancellationToken).ConfigureAwait(false);
            FsLog.AsideKeptVisible(logger, to, kept, refusal.Message);
        }
        catch (Exception e) when (e is FtpException or OperationCanceledException)
        {
            FsLog.AsideNotRestored(logger, to, aside, e.Message);
        }
    }

    private async Task RemoveAsideAsync(string aside, string to, bool directory)
    {
        using var deadline = new CancellationTokenSource(RepairDeadline);
        try
        {
            if (directory)
            {
                await client.RemoveDirectoryAsync(aside, deadline.Token).ConfigureAwait(false);
            }
            else
            {
                await client.DeleteFileAsync(aside, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is FtpException or OperationCanceledException)
        {
            // The replacement is in place; the old content stays under its hidden name rather than being lost to a retry.
            FsLog.AsideNotRemoved(logger, to, aside, e.Message);
        }
    }

    private async Task<bool> IsReplaceableAsync(FtpListEntry target, string path, bool directory)
    {
        if ((target.Type == FtpEntryType.Directory) != directory)
        {
            return false;
        }

        if (!directory)
        {
            return true;
        }

        // Checked here too, not only by the caller: a folder filled since (or unseen by a stale cache) must never be
        // moved aside, as its removal would then fail and leave its content under a hidden name.
        using var deadline = new CancellationTokenSource(RepairDeadline);
        try
        {
            var listing = await client.ListAsync(path, deadline.Token).ConfigureAwait(false);
            return listing.Entries.Count == 0 && listing.Rejected.Count == 0;
        }
        catch (Exception e) when (e is FtpException or OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<FtpListEntry?> LookUpQuietlyAsync(string path)
    {
        using var deadline = new CancellationTokenSource(RepairDeadline);
        try
        {
            return await client.GetEntryAsync(path, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FtpException or OperationCanceledException)
        {
            return null;
        }
    }
}
