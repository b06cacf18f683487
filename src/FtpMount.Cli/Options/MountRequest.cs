using FtpMount.Ftp;
using FtpMount.Ftp.Tls;

namespace FtpMount.Cli.Options;

/// <summary>
/// One validated <c>ftpmount SOURCE MOUNTPOINT -o …</c> command: what SOURCE and MOUNTPOINT say, the values the options
/// set (<see cref="Options"/>), and what follows from both. Holds no password.
/// </summary>
internal sealed record MountRequest
{
    /// <summary>SOURCE as parsed; its password, if any, is only read by the credential resolver.</summary>
    public required MountUrl Source { get; init; }

    /// <summary>Host to connect to (from SOURCE).</summary>
    public string Host => Source.Host;

    /// <summary>Port: from SOURCE, else 990 for implicit TLS and 21 otherwise.</summary>
    public required int Port { get; init; }

    /// <summary>Directory on the server to mount (from SOURCE), percent-decoded, starting with <c>/</c>.</summary>
    public string RemotePath => Source.Path;

    /// <summary>FTP user: from SOURCE, else <c>ftp_user=</c>, else <c>user=</c>; null means anonymous unless netrc names one.</summary>
    public string? UserName { get; init; }

    /// <summary>Absolute path of the mount point, or <c>/dev/fd/N</c> when mount.fuse3 (drop_privileges) opened /dev/fuse.</summary>
    public required string MountPoint { get; init; }

    /// <summary>N of a <c>/dev/fd/N</c> mount point: an already opened /dev/fuse descriptor.</summary>
    public int? FuseFileDescriptor { get; init; }

    /// <summary>TLS in effect: <c>tls=</c>, else implicit for an <c>ftps://</c> SOURCE, else none.</summary>
    public FtpTlsMode TlsMode { get; init; } = FtpTlsMode.None;

    /// <summary>Everything the <c>-o</c> options (and <c>-f</c>) set.</summary>
    public required MountOptionValues Options { get; init; }

    /// <summary><c>fsname=</c>, else SOURCE without its password: what mount tables show as the source.</summary>
    public required string FileSystemName { get; init; }

    /// <summary>
    /// Generic kernel mount flags given with -o (nosuid, nodev, noexec, noatime, sync, …, and the dev/suid that
    /// mount.fuse3 appends), in order, for the FUSE binding to pass on.
    /// </summary>
    public IReadOnlyList<string> KernelMountOptions { get; init; } = [];

    /// <summary>
    /// The command line again, minus any password in SOURCE: what the background process is started with.
    /// It parses back to this request.
    /// </summary>
    public required IReadOnlyList<string> ArgumentsWithoutSecrets { get; init; }

    /// <summary>FTP client options for this request; the FTP layer's defaults fill what was not given.</summary>
    public FtpClientOptions ToFtpClientOptions(FtpCredentials credentials)
    {
        var options = new FtpClientOptions
        {
            Host = Host,
            Port = Port,
            Credentials = credentials,
            TlsMode = TlsMode,
            TlsHostName = Options.TlsHostName,
            CertificateSha256 = Options.CertificateSha256,
            DataConnectionMode = Options.DataConnectionMode,
            Pipelining = Options.Pipelining,
            NameEncoding = Options.NameEncoding,
            DownloadBytesPerSecond = Options.Bandwidth?.DownloadBytesPerSecond,
            UploadBytesPerSecond = Options.Bandwidth?.UploadBytesPerSecond,
        };
        if (Options.MaxConnections is { } max)
        {
            options = options with { MaxConnections = max };
        }

        if (Options.ConnectTimeout is { } timeout)
        {
            options = options with { ConnectTimeout = timeout };
        }

        if (Options.IoTimeout is { } io)
        {
            // timeout= bounds what a program waits, retries included (the formula is in UsageText and the man page).
            options = options with
            {
                ReplyTimeout = io,
                DataTimeout = io,
                OperationTimeout = io,
                ListingTimeout = io * 4,
                AbortTimeout = io < options.AbortTimeout ? io : options.AbortTimeout,
                PoolWaitTimeout = io * 4 < options.PoolWaitTimeout ? io * 4 : options.PoolWaitTimeout,
            };
        }

        return options;
    }
}
