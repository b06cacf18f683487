using System.Globalization;
using FtpMount.Ftp.Data;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Listing;
using FtpMount.Ftp.Placing;
using FtpMount.Ftp.Protocol;
using FtpMount.Ftp.Tls;
using FtpMount.Ftp.Transfers;
using Microsoft.Extensions.Logging;

namespace FtpMount.Ftp;

/// <summary>
/// One logged-in control connection and the commands a filesystem needs. Not thread-safe: one caller at a time,
/// which is what a pool lease guarantees. Paths are absolute server paths; none may contain CR, LF or NUL.
/// </summary>
public sealed class FtpSession : IAsyncDisposable
{

    private readonly FtpControlConnection _control;
    private readonly FtpClientOptions _options;
    private readonly FtpTlsSettings? _tls;
    private readonly ILogger _logger;
    private readonly FtpDataChannelOpener _dataChannels;
    private bool _mdtmWriteRefused;
    private bool _transferOpen;
    private bool _listByPathRefused;

    internal FtpSession(FtpControlConnection control, FtpClientOptions options, FtpTlsSettings? tls, FtpFeatures features, ILogger logger)
    {
        _control = control;
        _options = options;
        _tls = tls;
        _logger = logger;
        Features = features;
        Pipelining = new PipeliningSwitch(options.Pipelining, logger);
        _dataChannels = new FtpDataChannelOpener(control, options, () => Pipelining, logger);
    }

    public FtpFeatures Features { get; }

    /// <summary>True once a timeout, reset, 421 or protocol error made this connection's state unknown.</summary>
    public bool IsBroken => _control.IsBroken;

    public bool IsTls => _control.IsTls;

    internal FtpClientOptions Options => _options;

    /// <summary>Whether this session may pipeline: its own switch until a pool gives it the one all its sessions share.</summary>
    internal PipeliningSwitch Pipelining { get; set; }

    internal FtpControlConnection Control => _control;

    public static Task<FtpSession> ConnectAsync(FtpClientOptions options, ILogger logger, CancellationToken cancellationToken = default) =>
        FtpLogin.ConnectAsync(options.Validate(), logger, cancellationToken);

    public async Task<string> GetWorkingDirectoryAsync(CancellationToken cancellationToken = default)
    {
        var reply = await CommandAsync("PWD", "PWD", cancellationToken).ConfigureAwait(false);
        return ParseQuotedPath(reply) ?? throw new FtpProtocolException($"PWD reply carries no quoted path: {reply}", reply);
    }

    public Task ChangeDirectoryAsync(string path, CancellationToken cancellationToken = default) =>
        CommandAsync($"CWD {path}", $"CWD {path}", cancellationToken);

    /// <summary>SYST (RFC 959 §4.1.3): the system name the server reports ("UNIX Type: L8", "Windows_NT"); null when refused.</summary>
    public async Task<string?> GetSystemAsync(CancellationToken cancellationToken = default)
    {
        EnsureNoTransfer();
        var reply = await _control.ExecuteAsync("SYST", cancellationToken).ConfigureAwait(false);
        return reply.Code == 215 ? reply.Message.Trim() : null;
    }

    /// <summary>
    /// The reply code of CWD to <paramref name="path"/>, whatever it is (a 4xx or 5xx does not throw). Only for probing
    /// how the server reads a path; every other command names absolute paths, so the changed directory matters not.
    /// </summary>
    public async Task<int> ProbeChangeDirectoryAsync(string path, CancellationToken cancellationToken = default)
    {
        EnsureNoTransfer();
        var reply = await _control.ExecuteAsync($"CWD {path}", cancellationToken).ConfigureAwait(false);
        return reply.Code;
    }

    public async Task<long> GetSizeAsync(string path, CancellationToken cancellationToken = default)
    {
        var reply = await CommandAsync($"SIZE {path}", $"SIZE {path}", cancellationToken).ConfigureAwait(false);
        return TryParseSize(reply, out var size)
            ? size
            : throw new FtpProtocolException($"SIZE reply is not a number: {reply}", reply);
    }

    /// <summary>The size a 213 reply to SIZE gives: digits only, nothing else but surrounding blanks.</summary>
    internal static bool TryParseSize(FtpReply reply, out long size) =>
        long.TryParse(reply.Message.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out size);

    public async Task<DateTimeOffset> GetModifiedTimeAsync(string path, CancellationToken cancellationToken = default)
    {
        var reply = await CommandAsync($"MDTM {path}", $"MDTM {path}", cancellationToken).ConfigureAwait(false);
        return FtpTimestamp.TryParse(reply.Message.Trim(), out var time)
            ? time
            : throw new FtpProtocolException($"MDTM reply is not a timestamp: {reply}", reply);
    }

    /// <summary>MFMT where offered, else vsftpd's two-argument MDTM (mdtm_write, on by default).</summary>
    public async Task SetModifiedTimeAsync(string path, DateTimeOffset time, CancellationToken cancellationToken = default)
    {
        EnsureNoTransfer();
        var command = TimeCommand(path, time) ?? throw TimeUnsupported(path);
        var reply = await _control.ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        TimeAnswered(reply);
        FtpReplyChecks.ExpectSuccess(reply, Features.Mfmt ? $"MFMT {path}" : $"MDTM-write {path}");
    }

    /// <summary>The command that sets a file's modification time here; null once the server refused MDTM-write.</summary>
    internal string? TimeCommand(string path, DateTimeOffset time)
    {
        var stamp = FtpTimestamp.Format(time);
        return Features.Mfmt ? $"MFMT {stamp} {path}" : _mdtmWriteRefused ? null : $"MDTM {stamp} {path}";
    }

    internal static FtpPermanentException TimeUnsupported(string path) =>
        new($"Setting the modification time of {path} is not supported by this server.", new FtpReply(502, ["MFMT and MDTM-write unsupported"]));

    /// <summary>A server without MFMT that does not know MDTM with two arguments is not asked again.</summary>
    internal void TimeAnswered(FtpReply reply)
    {
        if (!Features.Mfmt && reply.Code is 500 or 502)
        {
            _mdtmWriteRefused = true;
        }
    }

    /// <summary>
    /// Sets mode and time of an uploaded temporary file and renames it over <paramref name="target"/>, in one flight
    /// when <paramref name="pipelined"/> (see <see cref="UploadPlacement"/>). The upload's size must be verified first.
    /// </summary>
    public Task<FtpPlaceOutcome> PlaceUploadAsync(
        string temporary, string target, int? mode, DateTimeOffset? time, bool pipelined, CancellationToken cancellationToken = default) =>
        UploadPlacement.RunAsync(this, temporary, target, mode, time, pipelined, prepareData: false, cancellationToken);

    /// <param name="prepareData">More uploads are likely to follow: make the next data connection ready if this session can.</param>
    internal Task<FtpPlaceOutcome> PlaceUploadAsync(
        string temporary, string target, int? mode, DateTimeOffset? time, bool pipelined, bool prepareData, CancellationToken cancellationToken) =>
        UploadPlacement.RunAsync(this, temporary, target, mode, time, pipelined, prepareData, cancellationToken);

    public Task DeleteFileAsync(string path, CancellationToken cancellationToken = default) =>
        CommandAsync($"DELE {path}", $"DELE {path}", cancellationToken);

    public Task CreateDirectoryAsync(string path, CancellationToken cancellationToken = default) =>
        CommandAsync($"MKD {path}", $"MKD {path}", cancellationToken);

    public Task RemoveDirectoryAsync(string path, CancellationToken cancellationToken = default) =>
        CommandAsync($"RMD {path}", $"RMD {path}", cancellationToken);

    /// <summary>RNFR and RNTO back to back on this connection, so no other command can come between them.</summary>
    public async Task RenameAsync(string from, string to, CancellationToken cancellationToken = default)
    {
        FtpControlConnection.EnsureSafe(to);
        var rnfr = await _control.ExecuteAsync($"RNFR {from}", cancellationToken).ConfigureAwait(false);
        if (rnfr.Code >= 500)
        {
            throw new FtpRenameSourceRefusedException(
                $"RNFR {from} failed: {rnfr.Code} {FtpReplyReader.Printable(rnfr.Message)}", rnfr);
        }

        FtpReplyChecks.ExpectIntermediate(rnfr, $"RNFR {from}");
        await CommandAsync($"RNTO {to}", $"Rename {from} to {to}", cancellationToken).ConfigureAwait(false);
    }

    public Task ChangeModeAsync(string path, int mode, CancellationToken cancellationToken = default) =>
        CommandAsync(
            string.Create(CultureInfo.InvariantCulture, $"SITE CHMOD {Convert.ToString(mode & 0xFFF, 8)} {path}"),
            $"SITE CHMOD {path}",
            cancellationToken);

    public Task NoopAsync(CancellationToken cancellationToken = default) => CommandAsync("NOOP", "NOOP", cancellationToken);

    /// <summary>MLST of one path (RFC 3659 §7); null when the server says it does not exist (550).</summary>
    public async Task<FtpListEntry?> GetEntryAsync(string path, CancellationToken cancellationToken = default)
    {
        EnsureNoTransfer();
        var reply = await _control.ExecuteAsync($"MLST {path}", cancellationToken).ConfigureAwait(false);
        if (reply.Code == 550)
        {
            return null;
        }

        FtpReplyChecks.ExpectSuccess(reply, $"MLST {path}");
        for (var i = 1; i < reply.Lines.Count; i++)
        {
            if (reply.Lines[i].StartsWith(' ') && MlstReplyParser.ParseFactsLine(reply.Lines[i], _options.NameEncoding) is { } entry)
            {
                return entry;
            }
        }

        throw new FtpProtocolException($"MLST reply for {path} has no usable fact line.", reply);
    }

    /// <summary>
    /// Lists a directory: MLSD when FEAT has MLST (exact times and sizes), otherwise LIST parsed as Unix or DOS.
    /// LIST names the directory when its path is a safe LIST argument (<see cref="ListPathArgument"/>), else runs
    /// after CWD.
    /// </summary>
    public async Task<FtpListing> ListAsync(string path, CancellationToken cancellationToken = default) =>
        await ListAsync(path, Features.Mlst, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Lists with LIST even where MLSD exists: some servers' MLSD says "symlink" without the target, which only
    /// LIST's "name -> target" carries.
    /// </summary>
    public Task<FtpListing> ListLongAsync(string path, CancellationToken cancellationToken = default) =>
        ListAsync(path, useMlsd: false, cancellationToken);

    private async Task<FtpListing> ListAsync(string path, bool useMlsd, CancellationToken cancellationToken)
    {
        if (useMlsd)
        {
            return await DownloadListingAsync(path, $"MLSD {path}", FtpListingFormat.Mlsd, cancellationToken).ConfigureAwait(false);
        }

        if (_listByPathRefused || !ListPathArgument.CanPass(path))
        {
            return await ListAfterCwdAsync(path, cancellationToken).ConfigureAwait(false);
        }

        // "-a": vsftpd hides dot files from LIST without it.
        FtpListing listing;
        try
        {
            listing = await DownloadListingAsync(path, $"LIST -a {path}", FtpListingFormat.Auto, cancellationToken).ConfigureAwait(false);
        }
        catch (FtpPermanentException)
        {
            // pyftpdlib reads "-a /dir" as one path name. A missing directory also lands here and fails again at CWD.
            await ChangeDirectoryAsync(path, cancellationToken).ConfigureAwait(false);
            _listByPathRefused = true;
            return await DownloadListingAsync(path, "LIST -a", FtpListingFormat.Auto, cancellationToken).ConfigureAwait(false);
        }

        if (!ListPathArgument.MayBeParentMatch(listing, path))
        {
            return listing;
        }

        // vsftpd and pure-ftpd answer a path they cannot open as a directory with the parent's entries matching its
        // name, so "missing" reads as "empty". CWD tells the two apart (550 for a missing directory or a file).
        await ChangeDirectoryAsync(path, cancellationToken).ConfigureAwait(false);
        return listing.Entries.Count == 0
            ? listing
            : await DownloadListingAsync(path, "LIST -a", FtpListingFormat.Auto, cancellationToken).ConfigureAwait(false);
    }

    private async Task<FtpListing> ListAfterCwdAsync(string path, CancellationToken cancellationToken)
    {
        await ChangeDirectoryAsync(path, cancellationToken).ConfigureAwait(false);
        return await DownloadListingAsync(path, "LIST -a", FtpListingFormat.Auto, cancellationToken).ConfigureAwait(false);
    }

    private async Task<FtpListing> DownloadListingAsync(string path, string command, FtpListingFormat format, CancellationToken cancellationToken)
    {
        // A listing that trickles forever would pass every per-read deadline: bound the whole of it too.
        using var whole = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        whole.CancelAfter(_options.ListingTimeout);
        var download = await StartDownloadAsync(command, command, whole.Token).ConfigureAwait(false);
        await using (download.ConfigureAwait(false))
        {
            try
            {
                using var memory = new ListingMemory();
                var payload = await download.ReadToEndAsync(_options.MaxListingBytes, _options.MaxListingEntries, memory, whole.Token)
                    .ConfigureAwait(false);
                return new FtpListingParser(format, names: _options.NameEncoding).Parse(payload.Span);
            }
            catch (OperationCanceledException) when (whole.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                _control.MarkBroken();
                throw new FtpTimeoutException(
                    $"Listing {path} did not finish within {_options.ListingTimeout.TotalSeconds:0} s; refused.");
            }
        }
    }

    /// <summary>RETR from an offset (REST first when the offset is not zero). Dispose the stream to stop early.</summary>
    public Task<FtpDownloadStream> OpenReadAsync(string path, long offset = 0, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return StartDownloadAsync($"RETR {path}", $"RETR {path}", cancellationToken, offset);
    }

    /// <summary>
    /// Starts an upload. <see cref="FtpWriteMode.Resume"/> sends REST offset + STOR, whose effect on the file's tail
    /// differs by server (vsftpd keeps it, pure-ftpd truncates): callers must know what they ask for.
    /// </summary>
    public async Task<FtpUploadStream> OpenWriteAsync(
        string path, FtpWriteMode mode = FtpWriteMode.Create, long offset = 0, CancellationToken cancellationToken = default)
    {
        EnsureNoTransfer();
        FtpControlConnection.EnsureSafe(path);
        var verb = mode == FtpWriteMode.Append ? "APPE" : "STOR";
        var restartAt = mode == FtpWriteMode.Resume ? offset : (long?)null;
        var data = await StartTransferAsync($"{verb} {path}", $"{verb} {path}", restartAt, cancellationToken).ConfigureAwait(false);
        return new FtpUploadStream(this, data, path, knowsFinalSize: mode == FtpWriteMode.Create);
    }

    private async Task<FtpDownloadStream> StartDownloadAsync(
        string command, string action, CancellationToken cancellationToken, long offset = 0)
    {
        EnsureNoTransfer();
        FtpControlConnection.EnsureSafe(command);
        var data = await StartTransferAsync(command, action, offset > 0 ? offset : null, cancellationToken).ConfigureAwait(false);
        return new FtpDownloadStream(this, data, action);
    }

    private async Task RestartAtAsync(long offset, CancellationToken cancellationToken)
    {
        var rest = await _control.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"REST {offset}"), cancellationToken)
            .ConfigureAwait(false);
        FtpReplyChecks.ExpectIntermediate(rest, $"REST {offset}");
    }

    /// <param name="restartAt">Sent as REST before the command (again before a second try: a refused command ends its restart point).</param>
    private async Task<Stream> StartTransferAsync(string command, string action, long? restartAt, CancellationToken cancellationToken)
    {
        var pending = await SendTransferAsync(command, restartAt, allowReady: true, cancellationToken).ConfigureAwait(false);
        var reply = await TransferReplyAsync(pending, cancellationToken).ConfigureAwait(false);
        if (pending.MadeAhead && reply.Code == 425)
        {
            // The server could not use the connection made ahead (it dropped it meanwhile): negotiate as usual.
            await pending.DisposeAsync().ConfigureAwait(false);
            pending = await SendTransferAsync(command, restartAt, allowReady: false, cancellationToken).ConfigureAwait(false);
            reply = await TransferReplyAsync(pending, cancellationToken).ConfigureAwait(false);
        }

        await using var pendingScope = pending.ConfigureAwait(false);
        FtpReplyChecks.ExpectPreliminary(reply, action);
        _transferOpen = true;
        Stream? data = null;
        try
        {
            data = await pending.OpenAsync(_options, cancellationToken).ConfigureAwait(false);
            if (_tls is not null)
            {
                // The data handshake reuses the control session's settings so the server sees a resumed session.
                data = await FtpControlConnection.AuthenticateAsync(data, _tls, _options.ConnectTimeout, cancellationToken)
                    .ConfigureAwait(false);
            }

            return data;
        }
        catch
        {
            // The server is mid-transfer and expects a data connection we could not give it: state unknown.
            _control.MarkBroken();
            _transferOpen = false;
            if (data is not null)
            {
                await data.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    private async Task<PendingDataConnection> SendTransferAsync(string command, long? restartAt, bool allowReady, CancellationToken cancellationToken)
    {
        if (restartAt is { } offset)
        {
            await RestartAtAsync(offset, cancellationToken).ConfigureAwait(false);
        }

        return await _dataChannels.PrepareAndSendAsync(command, allowReady, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The transfer command's first reply, sent with <paramref name="pending"/>, which is closed if reading fails.</summary>
    private async Task<FtpReply> TransferReplyAsync(PendingDataConnection pending, CancellationToken cancellationToken)
    {
        try
        {
            var replying = _control.ReadReplyAsync(cancellationToken).AsTask();
            if (pending.Connect is { } connect && await Task.WhenAny(replying, connect).ConfigureAwait(false) == connect
                && !connect.IsCompletedSuccessfully)
            {
                await DataConnectFailedAsync(connect, replying, cancellationToken).ConfigureAwait(false);
            }

            return await replying.ConfigureAwait(false);
        }
        catch
        {
            await pending.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The data connection failed before the transfer command was answered. A server that refused the command closed
    /// its listener (proftpd after 550), and its refusal is on the way: it is reported and the connection stays usable.
    /// Otherwise the server may wait for the data connection up to its accept timeout before it answers: that is not
    /// waited out; the reply still owed makes the connection unusable, and the connect's error is reported.
    /// </summary>
    private async Task DataConnectFailedAsync(Task connect, Task<FtpReply> replying, CancellationToken cancellationToken)
    {
        var grace = _options.ReplyTimeout < RefusalGrace ? _options.ReplyTimeout : RefusalGrace;
        using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var first = await Task.WhenAny(replying, Task.Delay(grace, waiting.Token)).ConfigureAwait(false);
            await waiting.CancelAsync().ConfigureAwait(false);
            if (first == replying && replying.IsCompletedSuccessfully && !replying.Result.IsPreliminary)
            {
                return;
            }
        }

        _control.MarkBroken();
        _ = replying.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        await connect.ConfigureAwait(false);
    }

    /// <summary>How long a refusal may take to arrive after the data connection failed.</summary>
    private static readonly TimeSpan RefusalGrace = TimeSpan.FromSeconds(5);

    internal void TransferClosed() => _transferOpen = false;

    internal ILogger Logger => _logger;

    internal void EnsureIdle() => EnsureNoTransfer();

    private void EnsureNoTransfer()
    {
        if (_transferOpen)
        {
            throw new InvalidOperationException("A transfer is still open on this FTP session; dispose its stream first.");
        }
    }

    private async Task<FtpReply> CommandAsync(string command, string action, CancellationToken cancellationToken)
    {
        EnsureNoTransfer();
        var reply = await _control.ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        return FtpReplyChecks.ExpectSuccess(reply, action);
    }

    /// <summary>RFC 959 Appendix II: the path is between the first and last quote, with "" standing for one quote.</summary>
    internal static string? ParseQuotedPath(FtpReply reply)
    {
        var text = reply.Message;
        var start = text.IndexOf('"', StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var builder = new System.Text.StringBuilder();
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] != '"')
            {
                builder.Append(text[i]);
                continue;
            }

            if (i + 1 < text.Length && text[i + 1] == '"')
            {
                builder.Append('"');
                i++;
                continue;
            }

            return builder.ToString();
        }

        return null;
    }

    /// <summary>A data connection made ahead (<see cref="ReadyDataConnection"/>) waits unused for longer than it may.</summary>
    internal bool HasStaleReadyData => _dataChannels.Ready is { } ready && ready.IsStale(_options.ReadyDataLifetime);

    /// <summary>A data connection made ahead waits for the next transfer command.</summary>
    internal bool HasReadyData => _dataChannels.Ready is not null;

    internal FtpDataChannelOpener DataChannels => _dataChannels;

    /// <summary>Sends QUIT politely (bounded wait), then closes the connection whatever the answer.</summary>
    public async ValueTask DisposeAsync()
    {
        await _dataChannels.DiscardReadyAsync().ConfigureAwait(false);
        if (!_control.IsBroken && !_transferOpen)
        {
            try
            {
                await _control.SendWithRepliesPendingAsync("QUIT", CancellationToken.None).ConfigureAwait(false);
                await _control.ReadReplyAsync(TimeSpan.FromSeconds(2), CancellationToken.None).ConfigureAwait(false);
            }
            catch (FtpException)
            {
                // The connection is being closed anyway; a failed goodbye changes nothing.
            }
        }

        await _control.DisposeAsync().ConfigureAwait(false);
    }
}
