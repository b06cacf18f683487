using FtpMount.Core.Entries;
using FtpMount.Ftp;
using FtpMount.Ftp.Data;
using FtpMount.Ftp.Tls;
using Microsoft.Extensions.Logging;

namespace FtpMount.Cli.Options;

/// <summary>
/// What the <c>-o</c> options (and <c>-f</c>) of one command set, each property written by the handlers of
/// <see cref="MountOptionDescriptors"/> and nothing else; later options override earlier ones, as in mount(8).
/// Null means "not given": the layer that owns the setting applies its own default. Holds no password.
/// </summary>
/// <remarks>
/// Every settable property here must be set by some option, and every option must set one (MountOptionValuesTests);
/// values derived from several options or from SOURCE (the effective TLS mode, the user name, the port) are on
/// <see cref="MountRequest"/>.
/// </remarks>
internal sealed record MountOptionValues
{
    public const string DefaultPasswordEnvironmentVariable = "FTPMOUNT_PASSWORD";

    /// <summary><c>ro</c> / <c>read_only</c> (a later <c>rw</c> turns it off again, as in mount(8)).</summary>
    public bool ReadOnly { get; init; }

    public bool AllowOther { get; init; }

    public bool AllowRoot { get; init; }

    public bool DefaultPermissions { get; init; }

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

    /// <summary><c>writeback</c>: close(2) returns once the content is journaled locally; uploads follow in the background.</summary>
    public bool WriteBack { get; init; }

    /// <summary><c>writeback_delay=</c>: how long a closed file waits before its background upload starts.</summary>
    public TimeSpan? WriteBackDelay { get; init; }

    /// <summary><c>no_prefetch</c> turns off listing sibling folders ahead of a walk (<c>prefetch</c> turns it back on).</summary>
    public bool PrefetchSiblings { get; init; } = true;

    /// <summary><c>symlinks=block|hide</c>: what a server link leading outside the mount looks like.</summary>
    public OutsideLinkPolicy OutsideLinks { get; init; } = OutsideLinkPolicy.Block;

    /// <summary><c>no_segments</c> keeps slow sequential reads on one RETR (<c>segments</c> turns splitting back on).</summary>
    public bool ParallelSegments { get; init; } = true;

    /// <summary><c>no_pipelining</c>: every FTP command waits for the previous reply.</summary>
    public bool Pipelining { get; init; } = true;

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

    /// <summary>
    /// <c>tls=</c> as given; null means as SOURCE says (implicit for <c>ftps://</c>, else none). The mode in effect is
    /// <see cref="MountRequest.TlsMode"/>.
    /// </summary>
    public FtpTlsMode? Tls { get; init; }

    /// <summary><c>fingerprint=</c>: SHA-256 of the server certificate, 64 lower-case hex digits.</summary>
    public string? CertificateSha256 { get; init; }

    /// <summary><c>tls_host=</c>: name checked against the certificate instead of the host.</summary>
    public string? TlsHostName { get; init; }

    public FtpDataConnectionMode DataConnectionMode { get; init; } = FtpDataConnectionMode.Passive;

    /// <summary><c>user=</c>; SOURCE's user and <c>ftp_user=</c> win over it (see <see cref="MountRequest.UserName"/>).</summary>
    public string? User { get; init; }

    /// <summary><c>ftp_user=</c>; SOURCE's user wins over it (see <see cref="MountRequest.UserName"/>).</summary>
    public string? FtpUser { get; init; }

    /// <summary><c>password_file=</c>: absolute path of a file whose first line is the password (mode 0600 or stricter).</summary>
    public string? PasswordFile { get; init; }

    /// <summary><c>password_env=</c>: the variable holding the password; null means <see cref="DefaultPasswordEnvironmentVariable"/>.</summary>
    public string? PasswordEnvironmentVariable { get; init; }

    /// <summary><c>netrc=</c>: absolute path of a netrc file; null means <c>~/.netrc</c> if it exists.</summary>
    public string? NetrcFile { get; init; }

    /// <summary><c>spool_dir=</c>: absolute path of the local spool for writes.</summary>
    public string? SpoolDirectory { get; init; }

    /// <summary><c>cache=</c>, <c>cache_dir=</c>, <c>cache_max_size=</c>, <c>cache_max_age=</c>; a null folder is the host's default.</summary>
    public FtpMount.Core.ReadCache.ReadCacheOptions ReadCache { get; init; } = new();

    /// <summary><c>fsname=</c>; null means SOURCE without its password (see <see cref="MountRequest.FileSystemName"/>).</summary>
    public string? FileSystemName { get; init; }

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary><c>log_file=</c>: absolute path of a file the log is also appended to.</summary>
    public string? LogFile { get; init; }

    /// <summary><c>daemon_timeout=</c>: how long the starting process waits for the background mount to be ready.</summary>
    public TimeSpan DaemonTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary><c>-f</c> / <c>foreground</c>: stay attached instead of daemonizing.</summary>
    public bool Foreground { get; init; }

    /// <summary><c>network</c> (Windows): mount as a network drive answering to <c>\\ftpmount\HOST</c> instead of a local disk.</summary>
    public bool NetworkDrive { get; init; }

    public string EffectivePasswordEnvironmentVariable => PasswordEnvironmentVariable ?? DefaultPasswordEnvironmentVariable;
}
