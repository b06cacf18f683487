using FtpMount.Ftp.Data;
using FtpMount.Ftp.Tls;

namespace FtpMount.Ftp;

/// <summary>Immutable settings of one FTP endpoint and the pool that serves it. Validate once with <see cref="Validate"/>.</summary>
public sealed record FtpClientOptions
{
    public required string Host { get; init; }

    public int Port { get; init; } = 21;

    public required FtpCredentials Credentials { get; init; }

    public FtpTlsMode TlsMode { get; init; } = FtpTlsMode.None;

    /// <summary>Name checked against the server certificate; also the SNI and TLS-session cache key. Defaults to <see cref="Host"/>.</summary>
    public string? TlsHostName { get; init; }

    /// <summary>
    /// Optional SHA-256 fingerprint (hex, colons allowed) of the server's leaf certificate. When set, a certificate
    /// with this fingerprint is accepted even if it is self-signed; any other certificate is refused.
    /// </summary>
    public string? CertificateSha256 { get; init; }

    /// <summary>
    /// Offer TLS 1.3 as well as 1.2. Off by default: servers that demand TLS session reuse on data connections
    /// (vsftpd require_ssl_reuse, proftpd, FileZilla Server) refuse data connections after an upload under TLS 1.3.
    /// </summary>
    public bool AllowTls13 { get; init; }

    /// <summary>
    /// Optional PEM file of certificates to trust as roots instead of the system's (a private CA, or a self-signed
    /// server certificate). Host name and validity period are still checked, unlike with a pin.
    /// </summary>
    public string? TrustedCertificatesPath { get; init; }

    public FtpDataConnectionMode DataConnectionMode { get; init; } = FtpDataConnectionMode.Passive;

    /// <summary>
    /// Send commands whose answers do not decide each other in one flight (-o no_pipelining turns it off): the steps
    /// that place an upload (SITE CHMOD, MFMT, RNFR, RNTO) and a transfer command together with its passive data
    /// connection. Off, every command waits for the previous reply, for a server that reads commands out of order.
    /// </summary>
    public bool Pipelining { get; init; } = true;

    /// <summary>
    /// A save that follows another within this time leaves the next transfer's data connection made (EPSV in the
    /// flight that places the upload, the connect right after): when files are saved in a row (tar, cp -r, rsync) each
    /// STOR then goes alone and finds its connection. Also the longest such a connection may wait unused before its
    /// session is closed: servers keep state for it, and some end an unused one with the session. Zero: never.
    /// Needs <see cref="Pipelining"/> and passive mode.
    /// </summary>
    public TimeSpan ReadyDataLifetime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Deadline for TCP connect and the TLS handshake.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Deadline for each reply on the control connection.</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one operation (a command, a listing, opening a transfer) may go without an answer from the server
    /// (a complete reply, or data), counted across its health check, connecting and every retry on a fresh
    /// connection. Time queued for a connection does not count.
    /// </summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Deadline for each read or write on a data connection.</summary>
    public TimeSpan DataTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Deadline for the ABOR/NOOP drain after a read stopped early; past it the connection is discarded.</summary>
    public TimeSpan AbortTimeout { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// Bound on a whole directory listing, however steadily its bytes arrive, retries included (4 × the default
    /// <see cref="OperationTimeout"/>).
    /// </summary>
    public TimeSpan ListingTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Listings larger than this are refused rather than held in memory.</summary>
    public int MaxListingBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>
    /// Listings of more lines than this are refused rather than held in memory: 3.1 million short lines fit in
    /// 64 MiB of text but take gigabytes as entries. Only one listing above 1 MiB is held at a time (ListingMemory).
    /// </summary>
    public int MaxListingEntries { get; init; } = 250_000;

    /// <summary>
    /// Upper bound of control connections to the server. Eight lets background uploads, reads and listings run side
    /// by side at high latency; a server that allows fewer answers 421 or 530 and the pool shrinks to what it allows.
    /// </summary>
    public int MaxConnections { get; init; } = 8;

    /// <summary>Pooled connections idle for longer than this are closed (servers drop them anyway: vsftpd after 300 s).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A connection idle for longer than this is checked with NOOP before it is handed out again.</summary>
    public TimeSpan HealthCheckAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times an idempotent operation is retried after the connection was lost or closed with 421.</summary>
    public int RetryCount { get; init; } = 3;

    /// <summary>First backoff delay; doubles on each retry.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long a caller queued for a pooled connection waits while none of the pool's connections makes progress.
    /// Behind connections that make progress it waits its turn, however long.
    /// </summary>
    public TimeSpan PoolWaitTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How names are written on the wire (-o encoding); UTF-8 unless the server uses a code page.</summary>
    public FtpNameEncoding NameEncoding { get; init; } = FtpNameEncoding.Utf8;

    /// <summary>Bytes per second all downloads of this client share (-o bwlimit); null: as fast as the link goes.</summary>
    public long? DownloadBytesPerSecond { get; init; }

    /// <summary>Bytes per second all uploads of this client share; null: as fast as the link goes.</summary>
    public long? UploadBytesPerSecond { get; init; }

    /// <summary>Data ports below 1024 offered in passive replies are refused unless this is set (RFC 2577 bounce/SSRF).</summary>
    public bool AllowPrivilegedDataPorts { get; init; }

    internal string EffectiveTlsHostName => TlsHostName ?? Host;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad option and its value.</summary>
    public FtpClientOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            throw new ArgumentException("Option Host must be a host name or address, got an empty value.", nameof(Host));
        }

        Check(Port is > 0 and <= 65535, nameof(Port), Port);
        Check(MaxConnections is >= 1 and <= 256, nameof(MaxConnections), MaxConnections);
        Check(RetryCount is >= 0 and <= 20, nameof(RetryCount), RetryCount);
        Check(MaxListingBytes >= 64 * 1024, nameof(MaxListingBytes), MaxListingBytes);
        Check(MaxListingEntries >= 1_000, nameof(MaxListingEntries), MaxListingEntries);
        Check(DownloadBytesPerSecond is null or > 0, nameof(DownloadBytesPerSecond), DownloadBytesPerSecond!);
        Check(UploadBytesPerSecond is null or > 0, nameof(UploadBytesPerSecond), UploadBytesPerSecond!);
        Check(ReadyDataLifetime >= TimeSpan.Zero && ReadyDataLifetime <= TimeSpan.FromMinutes(1), nameof(ReadyDataLifetime), ReadyDataLifetime);
        foreach (var (name, value) in new[]
                 {
                     (nameof(ConnectTimeout), ConnectTimeout), (nameof(ReplyTimeout), ReplyTimeout),
                     (nameof(DataTimeout), DataTimeout), (nameof(AbortTimeout), AbortTimeout),
                     (nameof(IdleTimeout), IdleTimeout), (nameof(PoolWaitTimeout), PoolWaitTimeout),
                     (nameof(ListingTimeout), ListingTimeout), (nameof(OperationTimeout), OperationTimeout),
                 })
        {
            Check(value > TimeSpan.Zero, name, value);
        }

        if (CertificateSha256 is not null && CertificatePin.TryParse(CertificateSha256) is null)
        {
            throw new ArgumentException(
                $"Option CertificateSha256 must be 64 hex digits (colons allowed), got \"{CertificateSha256}\".",
                nameof(CertificateSha256));
        }

        if (TrustedCertificatesPath is not null && !File.Exists(TrustedCertificatesPath))
        {
            throw new ArgumentException(
                $"Option TrustedCertificatesPath names a file that does not exist: \"{TrustedCertificatesPath}\".", nameof(TrustedCertificatesPath));
        }

        if (CertificateSha256 is not null && TlsMode == FtpTlsMode.None)
        {
            throw new ArgumentException("Option CertificateSha256 needs TlsMode Explicit or Implicit.", nameof(CertificateSha256));
        }

        return this;
    }

    private static void Check(bool ok, string name, object value)
    {
        if (!ok)
        {
            throw new ArgumentException($"Option {name} has an invalid value: {value}.", name);
        }
    }
}
