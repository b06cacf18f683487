using FtpMount.Core.Entries;
using FtpMount.Ftp;
using FtpMount.Ftp.Data;
using FtpMount.Ftp.Tls;
using Microsoft.Extensions.Logging;

namespace FtpMount.Cli.Options;

/// <summary>
/// One validated <c>ftpmount SOURCE MOUNTPOINT -o …</c> command. Null option values mean "not given": the layer that
/// owns the setting applies its own default. Holds no password.
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

    public FtpTlsMode TlsMode { get; init; } = FtpTlsMode.None;

    /// <summary><c>tls_host=</c>: name checked against the certificate instead of the host.</summary>
    public string? TlsHostName { get; init; }

    /// <summary><c>fingerprint=</c>: SHA-256 of the server certificate, 64 lower-case hex digits.</summary>
    public string? CertificateSha256 { get; init; }

    public FtpDataConnectionMode DataConnectionMode { get; init; } = FtpDataConnectionMode.Passive;

    /// <summary><c>max_connections=</c>: size of the FTP connection pool.</summary>
    public int? MaxConnections { get; init; }

    /// <summary><c>bwlimit=</c>: byte rates all downloads, and all uploads, of the mount share.</summary>
    public BandwidthRates? Bandwidth { get; init; }

    /// <summary><c>encoding=</c>: how the server writes names.</summary>
    public FtpNameEncoding NameEncoding { get; init; } = FtpNameEncoding.Utf8;

    /// <summary><c>poll_interval=</c>: how often folders listed lately are listed again (zero: never).</summary>
    public TimeSpan? PollInterval { get; init; }

    /// <summary><c>connect_timeout=</c>.</summary>
    public TimeSpan? ConnectTimeout { get; init; }

    /// <summary><c>timeout=</c>: what a program waits for a server that does not answer, retries included; listings 4 times that.</summary>
    public TimeSpan? IoTimeout { get; init; }

    /// <summary><c>ro</c> / <c>read_only</c> (a later <c>rw</c> turns it off again, as in mount(8)).</summary>
    public bool ReadOnly { get; init; }

    /// <summary><c>writeback</c>: close(2) returns once the content is journaled locally; uploads follow in the background.</summary>
    public bool WriteBack { get; init; }

    /// <summary><c>writeback_delay=</c>: how long a closed file waits before its background upload starts.</summary>
    public TimeSpan? WriteBackDelay { get; init; }

    public bool AllowOther { get; init; }

    public bool AllowRoot { get; init; }

    public bool DefaultPermissions { get; init; }

    /// <summary><c>network</c> (Windows): mount as a network drive answering to <c>\\ftpmount\HOST</c> instead of a local disk.</summary>
    public bool NetworkDrive { get; init; }

    public uint? Uid { get; init; }

    public uint? Gid { get; init; }

    /// <summary><c>umask=</c>, given in octal, 0 to 0777.</summary>
    public int? Umask { get; init; }

    /// <summary><c>dir_cache_ttl=</c>: how long a directory listing is trusted.</summary>
    public TimeSpan? DirectoryCacheTtl { get; init; }

    /// <summary><c>attr_timeout=</c>: how long the kernel may cache attributes.</summary>
    public TimeSpan? AttributeTimeout { get; init; }

    /// <summary><c>negative_ttl=</c>: how long "no such file" is trusted.</summary>
    public TimeSpan? NegativeTtl { get; init; }

    /// <summary><c>no_prefetch</c> turns off listing sibling folders ahead of a walk (<c>prefetch</c> turns it back on).</summary>
    public bool PrefetchSiblings { get; init; } = true;

    /// <summary><c>symlinks=block|hide</c>: what a server link leading outside the mount looks like.</summary>
    public OutsideLinkPolicy OutsideLinks { get; init; } = OutsideLinkPolicy.Block;

    /// <summary><c>no_segments</c> keeps slow sequential reads on one RETR (<c>segments</c> turns splitting back on).</summary>
    public bool ParallelSegments { get; init; } = true;

    /// <summary><c>spool_dir=</c>: absolute path of the local spool for writes.</summary>
    public string? SpoolDirectory { get; init; }

    /// <summary><c>cache=</c>, <c>cache_dir=</c>, <c>cache_max_size=</c>, <c>cache_max_age=</c>; a null folder is the host's default.</summary>
    public FtpMount.Core.ReadCache.ReadCacheOptions ReadCache { get; init; } = new();

    /// <summary><c>fsname=</c>, else SOURCE without its password: what mount tables show as the source.</summary>
    public required string FileSystemName { get; init; }

    /// <summary>
    /// Generic kernel mount flags given with -o (nosuid, nodev, noexec, noatime, sync, …, and the dev/suid that
    /// mount.fuse3 appends), in order, for the FUSE binding to pass on.
    /// </summary>
    public IReadOnlyList<string> KernelMountOptions { get; init; } = [];

    public required PasswordSources PasswordSources { get; init; }

    /// <summary><c>-f</c> / <c>foreground</c>: stay attached instead of daemonizing.</summary>
    public bool Foreground { get; init; }

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary><c>daemon_timeout=</c>: how long the starting process waits for the background mount to be ready.</summary>
    public TimeSpan DaemonTimeout { get; init; } = TimeSpan.FromSeconds(60);

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
            TlsHostName = TlsHostName,
            CertificateSha256 = CertificateSha256,
            DataConnectionMode = DataConnectionMode,
            NameEncoding = NameEncoding,
            DownloadBytesPerSecond = Bandwidth?.DownloadBytesPerSecond,
            UploadBytesPerSecond = Bandwidth?.UploadBytesPerSecond,
        };
        if (MaxConnections is { } max)
        {
            options = options with { MaxConnections = max };
        }

        if (ConnectTimeout is { } timeout)
        {
            options = options with { ConnectTimeout = timeout };
        }

        if (IoTimeout is { } io)
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
