using FtpMount.Ftp;
using FtpMount.Ftp.Listing;
using FtpMount.Ftp.Placing;
using FtpMount.Ftp.Transfers;

namespace FtpMount.Core.Storage;

/// <summary>
/// What the core needs from a server, and nothing more: the seam between the filesystem (cache, nodes, spool,
/// uploads) and the wire. <see cref="FtpRemoteStore"/> runs it over <see cref="FtpClient"/>; tests run the core over
/// an in-memory store. Paths are absolute server paths. Refusals are the FTP layer's typed exceptions, whatever the
/// store: <c>FtpPermanentException</c> for a 5xx (repeating it fails again), <c>FtpTransientException</c> for a 4xx,
/// <c>FtpConnectionLostException</c> and <c>FtpTimeoutException</c> for a connection that broke or went quiet, so the
/// core's one error table (<c>FtpErrorTranslator</c>) reads every store alike.
/// </summary>
public interface IRemoteStore : IAsyncDisposable
{
    /// <summary>Who and where, without secrets ("user@host:port"): keys the spool folder of a mount.</summary>
    string Source { get; }

    /// <summary>How long the store's own operations may take, so callers wait as long and no longer.</summary>
    RemoteStoreTimeouts Timeouts { get; }

    /// <summary>How the server writes names: a path it cannot write is refused before it is sent (EILSEQ).</summary>
    FtpNameEncoding NameEncoding { get; }

    /// <summary>The connections transfers and prefetches share: limit, use, and who is waiting.</summary>
    IRemoteConnections Connections { get; }

    /// <summary>Streaming transfers in flight, for status reports.</summary>
    IReadOnlyList<FtpTransfer> ActiveTransfers { get; }

    /// <summary>The login directory (PWD).</summary>
    Task<string> GetWorkingDirectoryAsync(CancellationToken cancellationToken);

    /// <summary>What the server says it supports (FEAT): MLST, MFMT, SIZE, MDTM ...</summary>
    Task<FtpFeatures> GetFeaturesAsync(CancellationToken cancellationToken);

    /// <summary>The server's SYST answer, null when it gives none.</summary>
    Task<string?> GetSystemAsync(CancellationToken cancellationToken);

    /// <summary>The reply code of a change into <paramref name="path"/>: how the server reads a path; never throws for a refusal.</summary>
    Task<int> ProbeChangeDirectoryAsync(string path, CancellationToken cancellationToken);

    /// <summary>A folder's entries (MLSD where offered, else LIST).</summary>
    Task<FtpListing> ListAsync(string path, CancellationToken cancellationToken);

    /// <summary>A folder's entries through LIST, whatever else is offered: symlink targets.</summary>
    Task<FtpListing> ListLongAsync(string path, CancellationToken cancellationToken);

    /// <summary>One entry (MLST, else the parent's listing); null when absent.</summary>
    Task<FtpListEntry?> GetEntryAsync(string path, CancellationToken cancellationToken);

    Task<long> GetSizeAsync(string path, CancellationToken cancellationToken);

    Task<DateTimeOffset> GetModifiedTimeAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// Times of many files in turn: null where refused for the path, and for those not asked once
    /// <paramref name="budget"/> has passed. A refused command ends the batch with its error.
    /// </summary>
    Task<DateTimeOffset?[]> GetModifiedTimesAsync(IReadOnlyList<string> paths, TimeSpan budget, CancellationToken cancellationToken);

    Task SetModifiedTimeAsync(string path, DateTimeOffset time, CancellationToken cancellationToken);

    /// <summary>Sets the permission bits (SITE CHMOD).</summary>
    Task ChangeModeAsync(string path, int mode, CancellationToken cancellationToken);

    Task DeleteFileAsync(string path, CancellationToken cancellationToken);

    Task CreateDirectoryAsync(string path, CancellationToken cancellationToken);

    Task RemoveDirectoryAsync(string path, CancellationToken cancellationToken);

    /// <summary>Renames; whether it replaces an existing <paramref name="toPath"/> is the server's choice (IIS refuses).</summary>
    Task RenameAsync(string fromPath, string toPath, CancellationToken cancellationToken);

    /// <summary>
    /// Puts an upload whose size was verified in place: sets its mode and time while it has its temporary name (each
    /// optional; a refusal is reported in the outcome, not thrown) and renames it over <paramref name="target"/> as
    /// <see cref="RenameAsync"/> does, throwing as it would. One round trip where the server takes commands in one
    /// flight.
    /// </summary>
    Task<FtpPlaceOutcome> PlaceUploadAsync(string temporary, string target, int? mode, DateTimeOffset? modified, CancellationToken cancellationToken);

    /// <summary>A download from <paramref name="offset"/>, holding one connection until disposed; disposing early aborts it.</summary>
    Task<IRemoteDownload> OpenReadAsync(string path, long offset, CancellationToken cancellationToken);

    /// <summary>A new file's upload, fed as writes arrive, holding one connection until completed or disposed.</summary>
    Task<IRemoteUpload> OpenWriteAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a whole stream as <paramref name="path"/> and returns the size stored; after a lost connection a seekable
    /// source goes on from what the server kept. Where the store can tell the stored size (SIZE), a size other than
    /// the source's is an <c>FtpIntegrityException</c>.
    /// </summary>
    /// <param name="kept">How many of the source's first bytes an earlier, cut upload may have left at
    /// <paramref name="path"/> (our own temporary name, fed from the same content): the first attempt goes on from
    /// the size stored there when it is no more than this, and starts from zero otherwise. 0 for a fresh upload.</param>
    Task<long> UploadAsync(string path, Stream source, long kept, CancellationToken cancellationToken);
}
