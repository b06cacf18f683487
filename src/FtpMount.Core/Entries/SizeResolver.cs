using FtpMount.Core.Errors;
using FtpMount.Core.Paths;
using FtpMount.Core.Storage;
using FtpMount.Ftp.Errors;
using Microsoft.Extensions.Logging;

namespace FtpMount.Core.Entries;

/// <summary>
/// Asks for the size of a file whose listing gave none (RFC 3659 §7: every MLSD fact is optional): SIZE, then MLST.
/// A server that does not implement SIZE (500, 502) is not asked again during this mount. What neither answers stays
/// unknown, and the callers read to the end of the transfer instead.
/// </summary>
internal sealed class SizeResolver(IRemoteStore client, ServerPathMap map, bool hasMlst, ILogger logger)
{
    private volatile bool _sizeUnsupported;

    /// <summary><paramref name="entry"/> with its size filled in when the server tells it; unchanged otherwise.</summary>
    public async Task<RemoteEntry> ResolveAsync(RemotePath path, RemoteEntry entry, CancellationToken cancellationToken)
    {
        if (!entry.HasUnknownSize)
        {
            return entry;
        }

        try
        {
            var size = await TrySizeAsync(path, cancellationToken).ConfigureAwait(false)
                       ?? await TryMlstAsync(path, cancellationToken).ConfigureAwait(false);
            if (size is null)
            {
                FsLog.SizeUnknown(logger, path.Value);
                return entry;
            }

            return entry with { Size = size };
        }
        catch (FtpException e)
        {
            throw FtpErrorTranslator.Translate(e, $"Asking the size of {path} failed");
        }
    }

    private async Task<long?> TrySizeAsync(RemotePath path, CancellationToken cancellationToken)
    {
        if (_sizeUnsupported)
        {
            return null;
        }

        try
        {
            return await client.GetSizeAsync(map.ToServer(path), cancellationToken).ConfigureAwait(false);
        }
        catch (FtpPermanentException e)
        {
            // 550 is about this file (or SIZE refused for it); 500/502/504 say the server has no SIZE at all.
            if (e.Reply?.Code is 500 or 502 or 504)
            {
                _sizeUnsupported = true;
            }

            return null;
        }
        catch (FtpTransientException)
        {
            return null;
        }
    }

    private async Task<long?> TryMlstAsync(RemotePath path, CancellationToken cancellationToken)
    {
        if (!hasMlst)
        {
            return null;
        }

        try
        {
            var entry = await client.GetEntryAsync(map.ToServer(path), cancellationToken).ConfigureAwait(false);
            return entry is { Type: Ftp.Listing.FtpEntryType.File } ? entry.Size : null;
        }
        catch (Exception e) when (e is FtpPermanentException or FtpTransientException)
        {
            return null;
        }
    }
}
