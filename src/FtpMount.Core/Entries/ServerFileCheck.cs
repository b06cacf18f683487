using FtpMount.Core.Errors;
using FtpMount.Core.Paths;
using FtpMount.Core.Storage;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Listing;

namespace FtpMount.Core.Entries;

/// <summary>
/// Asks the server what one file is now, bypassing the listing cache: MLST where the server has it (size and time in
/// one round trip), else SIZE, and MDTM only when the size moved (a LIST time is at best minutes). Another FTP client
/// may have stored new content since the folder was listed; reading with the listed size would then cut the new
/// content or fail on it.
/// </summary>
internal sealed class ServerFileCheck(IRemoteStore client, ServerPathMap map, bool hasMlst)
{
    /// <summary>
    /// The file as the server has it now when its size differs from <paramref name="known"/>'s; null when it is
    /// unchanged or the server cannot say (no MLST size, SIZE refused). A file gone from the server is NotFound.
    /// </summary>
    public async Task<RemoteEntry?> FindChangeAsync(RemotePath path, RemoteEntry known, CancellationToken cancellationToken)
    {
        if (known is not { Kind: EntryKind.File, Size: { } size })
        {
            return null;
        }

        try
        {
            var server = map.ToServer(path);
            if (hasMlst)
            {
                var entry = await client.GetEntryAsync(server, cancellationToken).ConfigureAwait(false)
                            ?? throw new RemoteFsException(FsError.NotFound, $"{path} was removed on the server.");
                return entry is { Type: FtpEntryType.File, Size: { } now } && now != size
                    ? known with { Size = now, Modified = entry.Modified ?? DateTimeOffset.UtcNow }
                    : null;
            }

            long current;
            try
            {
                current = await client.GetSizeAsync(server, cancellationToken).ConfigureAwait(false);
            }
            catch (FtpPermanentException)
            {
                // 550 for a file that is gone, or SIZE refused: the listing (or the read) tells which.
                return null;
            }

            if (current == size)
            {
                return null;
            }

            var modified = await TryModifiedAsync(server, cancellationToken).ConfigureAwait(false);
            return known with { Size = current, Modified = modified ?? DateTimeOffset.UtcNow };
        }
        catch (FtpException e)
        {
            throw FtpErrorTranslator.Translate(e, $"Checking {path} on the server failed");
        }
    }

    private async Task<DateTimeOffset?> TryModifiedAsync(string server, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetModifiedTimeAsync(server, cancellationToken).ConfigureAwait(false);
        }
        catch (FtpPermanentException)
        {
            return null;
        }
    }
}
