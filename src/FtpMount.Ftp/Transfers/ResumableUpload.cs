using FtpMount.Ftp.Errors;
using Microsoft.Extensions.Logging;

namespace FtpMount.Ftp.Transfers;

/// <summary>
/// One whole-file upload from a seekable source, run once per attempt of the retry policy. After a lost connection
/// the next attempt goes on from what the server already has (SIZE of the target) with REST + STOR, or APPE where
/// the server will not restart a STOR (proftpd without AllowStoreRestart), instead of sending everything again;
/// the final size is verified as for any upload. A server that has more than the source, has nothing, or refuses
/// both gets the whole file again. The first attempt goes on the same way from an earlier upload to the same name
/// (a streamed STOR that was cut) when the caller vouches for how much of it is the source's:
/// <paramref name="kept"/> bytes at most.
/// </summary>
/// <remarks>
/// Resuming is only safe for a target no one else writes: callers upload to a temporary name of their own.
/// Bytes a cut connection delivered are a prefix of what was sent (TCP delivers in order), so resuming at the
/// server's size continues the same content; should a late write of the old session still land, it writes the same
/// bytes at the same place (REST + STOR), and an APPE that raced one ends at the wrong size, which the final SIZE
/// check refuses.
/// </remarks>
/// <param name="kept">How many of the source's first bytes an earlier upload may have left at <paramref name="path"/>,
/// the same bytes as the source's; 0 when nothing there is known to be the source's (the first STOR starts from zero).</param>
internal sealed class ResumableUpload(string path, Stream source, long kept, ILogger logger)
{
    private const int CopyBufferSize = 256 * 1024;

    private readonly long _start = source.CanSeek ? source.Position : 0;
    private int _attempts;

    /// <summary>Bytes sent over all attempts, for reports and tests.</summary>
    public long BytesSent { get; private set; }

    /// <summary>One attempt on <paramref name="session"/>; returns the file's size on the server afterwards.</summary>
    public async Task<long> RunAttemptAsync(
        FtpSession session, Func<FtpUploadStream, long, FtpUploadStream> prepare, CancellationToken cancellationToken)
    {
        var total = source.CanSeek ? source.Length - _start : (long?)null;
        // After an attempt of ours every byte at the path came from the source; before it, only what the caller vouches for.
        var sameUpTo = total is { } length ? ++_attempts > 1 ? length : Math.Min(kept, length) : 0;
        var offset = sameUpTo > 0 ? await ResumableOffsetAsync(session, sameUpTo, cancellationToken).ConfigureAwait(false) : 0;
        var upload = offset > 0 ? await OpenResumedAsync(session, offset, cancellationToken).ConfigureAwait(false) : null;
        if (upload is null)
        {
            offset = 0;
            upload = await session.OpenWriteAsync(path, FtpWriteMode.Create, 0, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            FtpLog.ResumingUpload(logger, path, offset, total!.Value);
        }

        if (source.CanSeek)
        {
            source.Position = _start + offset;
        }

        upload = prepare(upload, offset);
        await using (upload.ConfigureAwait(false))
        {
            try
            {
                await source.CopyToAsync(upload, CopyBufferSize, cancellationToken).ConfigureAwait(false);
                await upload.CompleteAsync(total, cancellationToken).ConfigureAwait(false);
                return offset + upload.BytesWritten;
            }
            finally
            {
                BytesSent += upload.BytesWritten;
            }
        }
    }

    /// <summary>
    /// What the server kept of an earlier attempt, when it can go on from there; 0 to start again. More than
    /// <paramref name="sameUpTo"/> (the source's length, or the part of it the caller vouches for) is not all the
    /// source's bytes.
    /// </summary>
    private async Task<long> ResumableOffsetAsync(FtpSession session, long sameUpTo, CancellationToken cancellationToken)
    {
        if (!session.Features.Size)
        {
            return 0;
        }

        long stored;
        try
        {
            stored = await session.GetSizeAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FtpPermanentException)
        {
            // 550: the earlier attempt left nothing; 500/502: SIZE offered but not implemented.
            return 0;
        }

        return stored > 0 && stored <= sameUpTo ? stored : 0;
    }

    private async Task<FtpUploadStream?> OpenResumedAsync(FtpSession session, long offset, CancellationToken cancellationToken)
    {
        if (session.Features.RestStream)
        {
            try
            {
                return await session.OpenWriteAsync(path, FtpWriteMode.Resume, offset, cancellationToken).ConfigureAwait(false);
            }
            catch (FtpException e) when (IsRefusal(e))
            {
                FtpLog.ResumeRefused(logger, "REST + STOR", path, e.Message);
            }
        }

        try
        {
            return await session.OpenWriteAsync(path, FtpWriteMode.Append, 0, cancellationToken).ConfigureAwait(false);
        }
        catch (FtpException e) when (IsRefusal(e))
        {
            FtpLog.ResumeRefused(logger, "APPE", path, e.Message);
            return null;
        }
    }

    /// <summary>
    /// The server will not do it this way (5xx, or proftpd's "451 Append/Restart not permitted"); not a full disk
    /// (452, 552), which starting again would not cure either.
    /// </summary>
    private static bool IsRefusal(FtpException e) =>
        e.Reply?.Code is 451 or 500 or 501 or 502 or 504 or 550 or 553;
}
