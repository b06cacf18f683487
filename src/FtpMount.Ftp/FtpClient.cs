using System.Diagnostics;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Listing;
using FtpMount.Ftp.Placing;
using FtpMount.Ftp.Pool;
using FtpMount.Ftp.Transfers;
using Microsoft.Extensions.Logging;

namespace FtpMount.Ftp;

/// <summary>
/// The FTP operations a filesystem needs, each run on a pooled session. Reads of metadata are retried after a lost
/// connection; changes (delete, rename, mkdir, uploads from a non-seekable source) are not, since a retry could
/// repeat or misreport an effect the server already applied.
/// </summary>
public sealed class FtpClient : IAsyncDisposable
{
    private readonly FtpConnectionPool _pool;
    private readonly BandwidthLimit? _downloadLimit;
    private readonly BandwidthLimit? _uploadLimit;
    private long _lastPlacement;

    public FtpClient(FtpClientOptions options, ILogger? logger = null)
        : this(new FtpConnectionPool(options, logger))
    {
    }

    public FtpClient(FtpConnectionPool pool)
    {
        _pool = pool;
        _downloadLimit = pool.Options.DownloadBytesPerSecond is { } down ? new BandwidthLimit(down) : null;
        _uploadLimit = pool.Options.UploadBytesPerSecond is { } up ? new BandwidthLimit(up) : null;
    }

    public FtpConnectionPool Pool => _pool;

    /// <summary>Streaming transfers in flight (opened with OpenRead/OpenWrite), for status reports.</summary>
    public FtpTransferMonitor Transfers { get; } = new();

    public Task<string> GetWorkingDirectoryAsync(CancellationToken cancellationToken = default) =>
        _pool.RunAsync("PWD", true, (s, ct) => s.GetWorkingDirectoryAsync(ct), cancellationToken);

    public Task<FtpFeatures> GetFeaturesAsync(CancellationToken cancellationToken = default) =>
        _pool.RunAsync("FEAT", true, (s, _) => Task.FromResult(s.Features), cancellationToken);

    public Task<string?> GetSystemAsync(CancellationToken cancellationToken = default) =>
        _pool.RunAsync("SYST", true, (s, ct) => s.GetSystemAsync(ct), cancellationToken);

    /// <summary>The reply code of CWD to <paramref name="path"/> (a probe of how the server reads a path; never throws for a refusal).</summary>
    public Task<int> ProbeChangeDirectoryAsync(string path, CancellationToken cancellationToken = default) =>
        _pool.RunAsync($"CWD {path}", true, (s, ct) => s.ProbeChangeDirectoryAsync(path, ct), cancellationToken);

    /// <summary>A directory's entries; the whole listing, retries included, within <see cref="FtpClientOptions.ListingTimeout"/>.</summary>
    public Task<FtpListing> ListAsync(string path, CancellationToken cancellationToken = default) =>
        _pool.RunAsync($"list {path}", true, _pool.Options.ListingTimeout, (s, ct) => s.ListAsync(path, ct), cancellationToken);

    /// <summary>A listing through LIST, whatever the server's MLSD support (symlink targets).</summary>
    public Task<FtpListing> ListLongAsync(string path, CancellationToken cancellationToken = default) =>
        _pool.RunAsync($"LIST {path}", true, _pool.Options.ListingTimeout, (s, ct) => s.ListLongAsync(path, ct), cancellationToken);

    /// <summary>
    /// One entry by path: MLST where the server has it, else the parent's listing (so the listing's time). Null
    /// when absent.
    /// </summary>
    public Task<FtpListEntry?> GetEntryAsync(string path, CancellationToken cancellationToken = default) =>
        _pool.RunAsync<FtpListEntry?>(
            $"stat {path}",
            true,
            _pool.Options.ListingTimeout,
            async (s, ct) =>
            {
                if (s.Features.Mlst)
                {
                    return await s.GetEntryAsync(path, ct).ConfigureAwait(false);
                }

                var (parent, name) = FtpPaths.Split(path);
                var listing = await s.ListAsync(parent, ct).ConfigureAwait(false);
                foreach (var entry in listing.Entries)
                {
                    if (entry.Name == name)
                    {
                        return entry;
                    }
                }

                return null;
            },
            cancellationToken);

    public Task<long> GetSizeAsync(string path, CancellationToken cancellationToken = default) =>
        _pool.RunAsync($"SIZE {path}", true, (s, ct) => s.GetSizeAsync(path, ct), cancellationToken);

    public Task<DateTimeOffset> GetModifiedTimeAsync(string path, CancellationToken cancellationToken = default) =>
        _pool.RunAsync($"MDTM {path}", true, (s, ct) => s.GetModifiedTimeAsync(path, ct), cancellationToken);

    /// <summary>
    /// MDTM for each path on one pooled session, so a folder's files cost one connection: in flights of
    /// <see cref="MdtmFlight.MaxCommands"/> while <see cref="Pipelining"/> holds, else one after another. Null where the server
    /// gives no time for that path (550: gone, unreadable) and for the paths not asked once <paramref name="budget"/>
    /// has passed (retries included). A refused command (500, 502, 504) ends the batch with its error.
    /// </summary>
    public Task<DateTimeOffset?[]> GetModifiedTimesAsync(
        IReadOnlyList<string> paths, TimeSpan budget, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        return _pool.RunAsync(
            $"MDTM of {paths.Count} files",
            true,
            async (s, ct) =>
            {
                var times = new DateTimeOffset?[paths.Count];
                if (Pipelining)
                {
                    await GetModifiedTimesInFlightsAsync(s, paths, times, started, budget, ct).ConfigureAwait(false);
                    return times;
                }

                for (int i = 0; i < paths.Count && Stopwatch.GetElapsedTime(started) < budget; i++)
                {
                    try
                    {
                        times[i] = await s.GetModifiedTimeAsync(paths[i], ct).ConfigureAwait(false);
                    }
                    catch (FtpPermanentException e) when (e.Reply?.Code is not (500 or 502 or 504))
                    {
                        times[i] = null;
                    }
                }

                return times;
            },
            cancellationToken);
    }

    private async Task GetModifiedTimesInFlightsAsync(
        FtpSession session, IReadOnlyList<string> paths, DateTimeOffset?[] times, long started, TimeSpan budget, CancellationToken cancellationToken)
    {
        for (var first = 0; first < paths.Count; first += MdtmFlight.MaxCommands)
        {
            var left = budget - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            var count = Math.Min(MdtmFlight.MaxCommands, paths.Count - first);

            // Each reply within what is left of the budget: a server that sits on a flight costs the listing no more.
            var budgetBound = left < _pool.Options.ReplyTimeout;
            try
            {
                await MdtmFlight.RunAsync(
                    session, [.. paths.Skip(first).Take(count)], times, first, budgetBound ? left : _pool.Options.ReplyTimeout, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (FtpPipeliningException e)
            {
                _pool.Pipelining.Refuse(e);
                throw;
            }
            catch (FtpTimeoutException) when (budgetBound)
            {
                // The connection is closed (its replies are owed); the times found so far stand.
                return;
            }
        }
    }

    public Task SetModifiedTimeAsync(string path, DateTimeOffset time, CancellationToken cancellationToken = default) =>
        _pool.RunAsync($"set time of {path}", true, (s, ct) => s.SetModifiedTimeAsync(path, time, ct), cancellationToken);

    public Task ChangeModeAsync(string path, int mode, CancellationToken cancellationToken = default) =>
        _pool.RunAsync($"chmod {path}", true, (s, ct) => s.ChangeModeAsync(path, mode, ct), cancellationToken);

    public Task DeleteFileAsync(string path, CancellationToken cancellationToken = default) =>
        _pool.RunAsync($"DELE {path}", false, (s, ct) => s.DeleteFileAsync(path, ct), cancellationToken);

    public Task CreateDirectoryAsync(string path, CancellationToken cancellationToken = default) =>
        _pool.RunAsync($"MKD {path}", false, (s, ct) => s.CreateDirectoryAsync(path, ct), cancellationToken);

    public Task RemoveDirectoryAsync(string path, CancellationToken cancellationToken = default) =>
        _pool.RunAsync($"RMD {path}", false, (s, ct) => s.RemoveDirectoryAsync(path, ct), cancellationToken);

    /// <summary>RNFR and RNTO on one session, in one flight while <see cref="Pipelining"/> holds.</summary>
    public Task RenameAsync(string from, string to, CancellationToken cancellationToken = default) =>
        PlaceAsync($"rename {from}", from, to, null, null, prepareData: false, cancellationToken);

    /// <summary>
    /// Sets the mode and time of an uploaded <paramref name="temporary"/> file (each optional; a refusal is reported
    /// in the outcome) and renames it over <paramref name="target"/>, in one round trip while <see cref="Pipelining"/>
    /// holds. Only for an upload whose size was verified: the rename replaces the target.
    /// </summary>
    /// <remarks>
    /// One that follows the previous placement within <see cref="FtpClientOptions.ReadyDataLifetime"/> takes it for
    /// saves in a row and leaves its session with the next data connection made (<see cref="Data.ReadyDataConnection"/>);
    /// a lone save does not, or every save after a pause would cost its session.
    /// </remarks>
    public async Task<FtpPlaceOutcome> PlaceUploadAsync(
        string temporary, string target, int? mode, DateTimeOffset? time, CancellationToken cancellationToken = default)
    {
        var previous = Interlocked.Read(ref _lastPlacement);
        var inARow = previous != 0 && _pool.Time.GetElapsedTime(previous) < _pool.Options.ReadyDataLifetime;
        try
        {
            return await PlaceAsync($"place {temporary}", temporary, target, mode, time, inARow, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Exchange(ref _lastPlacement, _pool.Time.GetTimestamp());
        }
    }

    /// <summary>Whether commands may travel in one flight: the option, until a server's replies showed it reads them out of step.</summary>
    public bool Pipelining => _pool.Pipelining.IsOn;

    private Task<FtpPlaceOutcome> PlaceAsync(
        string operation, string from, string to, int? mode, DateTimeOffset? time, bool prepareData, CancellationToken cancellationToken) =>
        _pool.RunAsync(
            operation,
            false,
            async (s, ct) =>
            {
                try
                {
                    return await s.PlaceUploadAsync(from, to, mode, time, Pipelining, prepareData, ct).ConfigureAwait(false);
                }
                catch (FtpPipeliningException e)
                {
                    _pool.Pipelining.Refuse(e);
                    throw;
                }
            },
            cancellationToken);

    /// <summary>
    /// Opens a download from <paramref name="offset"/>. The stream holds one pooled connection until disposed;
    /// disposing early aborts the transfer. Opening is retried after a lost connection, reading is not.
    /// </summary>
    public async Task<FtpDownloadStream> OpenReadAsync(string path, long offset = 0, CancellationToken cancellationToken = default)
    {
        return await OpenAsync(
            $"RETR {path}",
            true,
            async (session, ct) => await session.OpenReadAsync(path, offset, ct).ConfigureAwait(false),
            (stream, release) =>
            {
                var transfer = stream.Progress = Transfers.Begin(path, FtpTransferDirection.Download, offset);
                stream.Limit = _downloadLimit;
                stream.Closed = () =>
                {
                    Transfers.End(transfer);
                    release();
                };
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens an upload stream holding one pooled connection; finish it with <see cref="FtpUploadStream.CompleteAsync"/>.</summary>
    public async Task<FtpUploadStream> OpenWriteAsync(
        string path, FtpWriteMode mode = FtpWriteMode.Create, long offset = 0, CancellationToken cancellationToken = default)
    {
        return await OpenAsync(
            $"{mode} {path}",
            mode != FtpWriteMode.Append,
            async (session, ct) => await session.OpenWriteAsync(path, mode, offset, ct).ConfigureAwait(false),
            (stream, release) =>
            {
                var transfer = stream.Progress = Transfers.Begin(path, FtpTransferDirection.Upload, offset);
                stream.Limit = _uploadLimit;
                stream.Closed = () =>
                {
                    Transfers.End(transfer);
                    release();
                };
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Uploads a whole stream with STOR and verifies the size afterwards; returns the size the server has. After a
    /// lost connection a seekable source goes on from what the server kept (<see cref="ResumableUpload"/>); a
    /// non-seekable one fails with the error. <paramref name="path"/> must be a name no one else writes.
    /// </summary>
    public Task<long> UploadAsync(string path, Stream source, CancellationToken cancellationToken = default) =>
        UploadAsync(path, source, 0, cancellationToken);

    /// <summary>
    /// As <see cref="UploadAsync(string, Stream, CancellationToken)"/>, going on from an earlier, cut upload to
    /// <paramref name="path"/> from the start: up to <paramref name="kept"/> bytes there are the source's first bytes,
    /// so what SIZE reports up to that goes on with REST + STOR or APPE, and anything else starts from zero.
    /// </summary>
    public Task<long> UploadAsync(string path, Stream source, long kept, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(kept);
        var upload = new ResumableUpload(path, source, kept, _pool.Logger);
        // A whole file may take long: it ends when the server stops taking data, not after a fixed time.
        return _pool.RunAsync(
            $"upload {path}",
            source.CanSeek,
            null,
            (session, ct) => upload.RunAttemptAsync(
                session,
                (stream, offset) =>
                {
                    var transfer = stream.Progress = Transfers.Begin(path, FtpTransferDirection.Upload, offset);
                    stream.Limit = _uploadLimit;
                    stream.Closed = () => Transfers.End(transfer);
                    return stream;
                },
                ct),
            cancellationToken);
    }

    /// <summary>Opens a transfer under the pool's retry policy; on success the stream owns the lease until it closes.</summary>
    private Task<TStream> OpenAsync<TStream>(
        string operation,
        bool idempotent,
        Func<FtpSession, CancellationToken, Task<TStream>> open,
        Action<TStream, Action> attachRelease,
        CancellationToken cancellationToken)
        where TStream : Stream =>
        RetryPolicy.RunAsync(
            _pool,
            operation,
            idempotent,
            null,
            async (lease, ct) =>
            {
                var stream = await open(lease.Session, ct).ConfigureAwait(false);
                attachRelease(stream, lease.Dispose);
                return stream;
            },
            cancellationToken);

    public ValueTask DisposeAsync() => _pool.DisposeAsync();
}
