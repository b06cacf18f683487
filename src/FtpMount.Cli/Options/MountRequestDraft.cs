using FtpMount.Core.Entries;
using FtpMount.Ftp;
using FtpMount.Ftp.Data;
using FtpMount.Ftp.Tls;
using Microsoft.Extensions.Logging;

namespace FtpMount.Cli.Options;

/// <summary>The options seen so far while walking argv; later options override earlier ones, as in mount(8).</summary>
internal sealed class MountRequestDraft
{
    public bool Foreground { get; set; }

    public bool ReadOnly { get; set; }

    public bool WriteBack { get; set; }

    public TimeSpan? WriteBackDelay { get; set; }

    public bool AllowOther { get; set; }

    public bool AllowRoot { get; set; }

    public bool DefaultPermissions { get; set; }

    public bool NetworkDrive { get; set; }

    public uint? Uid { get; set; }

    public uint? Gid { get; set; }

    public int? Umask { get; set; }

    public TimeSpan? DirectoryCacheTtl { get; set; }

    public TimeSpan? AttributeTimeout { get; set; }

    public TimeSpan? NegativeTtl { get; set; }

    public bool PrefetchSiblings { get; set; } = true;

    public OutsideLinkPolicy OutsideLinks { get; set; } = OutsideLinkPolicy.Block;

    public bool ParallelSegments { get; set; } = true;

    public TimeSpan? ConnectTimeout { get; set; }

    public TimeSpan? IoTimeout { get; set; }

    public TimeSpan? DaemonTimeout { get; set; }

    public int? MaxConnections { get; set; }

    public BandwidthRates? Bandwidth { get; set; }

    public FtpNameEncoding NameEncoding { get; set; } = FtpNameEncoding.Utf8;

    public TimeSpan? PollInterval { get; set; }

    public FtpTlsMode? TlsMode { get; set; }

    public string? CertificateSha256 { get; set; }

    public string? TlsHostName { get; set; }

    public FtpDataConnectionMode DataConnectionMode { get; set; } = FtpDataConnectionMode.Passive;

    public LogLevel LogLevel { get; set; } = LogLevel.Information;

    public string? UserOption { get; set; }

    public string? FtpUserOption { get; set; }

    public string? PasswordFile { get; set; }

    public string? PasswordEnvironmentVariable { get; set; }

    public string? NetrcFile { get; set; }

    public string? SpoolDirectory { get; set; }

    public FtpMount.Core.ReadCache.ReadCacheOptions ReadCache { get; set; } = new();

    public string? FileSystemName { get; set; }

    public List<string> KernelMountOptions { get; } = [];
}
