using System.Net.Security;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Protocol;

namespace FtpMount.Ftp.Transfers;

/// <summary>
/// The data side of one STOR/APPE. Call <see cref="CompleteAsync"/> to finish: it closes the data connection
/// cleanly (TLS close_notify first), checks the final reply and verifies the size with SIZE, because in stream mode
/// a cut connection looks like a normal end of file (vsftpd answered 226 to a truncated STOR). While the mount
/// pipelines, the SIZE goes out right behind the data, so both answers take one round trip. Disposing without
/// completing aborts the upload.
/// </summary>
public sealed class FtpUploadStream : FtpTransferStream
{
    private readonly string _path;
    private readonly bool _knowsFinalSize;
    private long _written;

    internal FtpUploadStream(FtpSession session, Stream data, string path, bool knowsFinalSize)
        : base(session, data)
    {
        _path = path;
        _knowsFinalSize = knowsFinalSize;
    }

    public long BytesWritten => _written;

    public override bool CanRead => false;

    public override bool CanWrite => !Finished;

    public override long Length => _written;

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Limit is not { } limit)
        {
            await WriteChunkAsync(buffer, cancellationToken).ConfigureAwait(false);
            return;
        }

        for (var offset = 0; offset < buffer.Length; offset += limit.ChunkSize)
        {
            var chunk = buffer.Slice(offset, Math.Min(limit.ChunkSize, buffer.Length - offset));
            await limit.PayAsync(chunk.Length, cancellationToken).ConfigureAwait(false);
            await WriteChunkAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask WriteChunkAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Finished, this);
        try
        {
            await Deadline.RunAsync(
                static async (s, ct) =>
                {
                    await s.data.WriteAsync(s.buffer, ct).ConfigureAwait(false);
                    return true;
                },
                (data: Data, buffer),
                Session.Options.DataTimeout,
                $"the server to accept data for {_path}",
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Session.Control.MarkBroken();
            throw;
        }

        _written += buffer.Length;
        Session.Control.NoteProgress();
        Progress?.Add(buffer.Length);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>
    /// Ends the upload and verifies it. <paramref name="expectedSize"/> is the file's size the server must report
    /// afterwards; for a plain STOR it defaults to the bytes written. A mismatch throws <see cref="FtpIntegrityException"/>.
    /// </summary>
    public async Task CompleteAsync(long? expectedSize = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Finished, this);
        Finished = true;
        try
        {
            await Deadline.RunAsync(
                static async (data, ct) =>
                {
                    await data.FlushAsync(ct).ConfigureAwait(false);
                    if (data is SslStream ssl)
                    {
                        // close_notify tells the server the data really ended; vsftpd's strict_ssl_read_eof relies on it.
                        await ssl.ShutdownAsync().ConfigureAwait(false);
                    }

                    await data.DisposeAsync().ConfigureAwait(false);
                    return true;
                },
                Data,
                Session.Options.DataTimeout,
                $"the end of the upload of {_path}",
                cancellationToken).ConfigureAwait(false);
            var expected = expectedSize ?? (_knowsFinalSize ? _written : (long?)null);
            long? actual;
            if (expected is { } wanted && Session.Features.Size && Session.Pipelining.IsOn)
            {
                actual = await EndWithSizeAsync(wanted, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await TransferEnd.CompleteAsync(Session, $"Upload of {_path}", cancellationToken).ConfigureAwait(false);
                actual = expected is not null && Session.Features.Size ? await TryGetSizeAsync(cancellationToken).ConfigureAwait(false) : null;
            }

            if (expected is { } size && actual is { } stored && stored != size)
            {
                throw new FtpIntegrityException(
                    $"Upload of {_path} is incomplete: the server has {stored} bytes, {size} were expected.");
            }
        }
        catch (Exception e) when (e is FtpException { BreaksConnection: true } or OperationCanceledException)
        {
            Session.Control.MarkBroken();
            Session.TransferClosed();
            throw;
        }
        finally
        {
            NotifyClosed();
        }
    }

    /// <summary>
    /// Sends SIZE right behind the end of the data, so the transfer's final reply and the size come back in one round
    /// trip (<see cref="PipelinedSizeCheck"/> tells the replies apart). Only a size answered after the transfer's
    /// success and equal to <paramref name="expected"/> is taken; any other answer, a mismatch included, is asked
    /// again alone, so a wrong size is only believed from a SIZE that travelled alone.
    /// </summary>
    private async Task<long?> EndWithSizeAsync(long expected, CancellationToken cancellationToken)
    {
        var control = Session.Control;
        var action = $"Upload of {_path}";
        PipelinedSizeVerdict verdict;
        try
        {
            await control.SendWithRepliesPendingAsync($"SIZE {_path}", cancellationToken).ConfigureAwait(false);
            var first = await control.ReadReplyAsync(Session.Options.DataTimeout, cancellationToken).ConfigureAwait(false);
            if (control.IsBroken)
            {
                // 421: the server is closing the connection; no second reply comes.
                throw FtpReplyChecks.Failure(first, action);
            }

            if (PipelinedSizeCheck.JudgeFirst(first) is { } early)
            {
                verdict = early;
            }
            else
            {
                var second = await control.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
                if (control.IsBroken)
                {
                    throw FtpReplyChecks.Failure(second, action);
                }

                verdict = PipelinedSizeCheck.Judge(first, second);
            }
        }
        finally
        {
            Session.TransferClosed();
        }

        if (verdict.Unexpected is { } unexpected)
        {
            control.MarkBroken();
            var error = new FtpPipeliningException(
                $"The server answered the end of the upload of {_path} and the SIZE sent behind it with " +
                $"{unexpected.Code} {FtpReplyReader.Printable(unexpected.Message)}, which fits neither: its replies are out of " +
                "step with the commands sent; the connection was closed.",
                unexpected);
            Session.Pipelining.Refuse(error);
            throw error;
        }

        if (verdict.Failure is { } failure)
        {
            throw FtpReplyChecks.Failure(failure, action);
        }

        return verdict.Size == expected ? expected : await TryGetSizeAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// SIZE of the uploaded file; null when the server, although FEAT lists SIZE, says it does not implement it
    /// (500, 502, 504): then it is treated as a server without SIZE, whose uploads cannot be checked.
    /// </summary>
    private async Task<long?> TryGetSizeAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await Session.GetSizeAsync(_path, cancellationToken).ConfigureAwait(false);
        }
        catch (FtpPermanentException e) when (e.Reply?.Code is 500 or 502 or 504)
        {
            return null;
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Data.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("FTP transfers are asynchronous; use WriteAsync.");

    public override async ValueTask DisposeAsync()
    {
        if (!Finished)
        {
            Finished = true;
            await Data.DisposeAsync().ConfigureAwait(false);
            try
            {
                await TransferEnd.AbortAsync(Session, $"upload of {_path} abandoned after {_written} bytes").ConfigureAwait(false);
            }
            finally
            {
                NotifyClosed();
            }
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

}
