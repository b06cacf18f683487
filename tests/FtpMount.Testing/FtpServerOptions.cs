namespace FtpMount.Testing;

/// <summary>
/// How <see cref="FtpTestServer"/> configures a daemon. Every daemon has its own name and unit for
/// these settings; the fixture translates them, and reports the values in force on the server
/// (<see cref="FtpTestServer.MaxConnectionsPerIp"/>, <see cref="FtpTestServer.IdleTimeout"/>).
/// </summary>
public sealed record FtpServerOptions
{
    /// <summary>The per-IP and total connection limit used when none is given.</summary>
    public const int DefaultMaxConnections = 50;

    /// <summary>The idle timeout used when none is given (vsftpd's and pyftpdlib's own default).</summary>
    public const int DefaultIdleTimeoutSeconds = 300;

    /// <summary>Options with every default.</summary>
    public static FtpServerOptions Default { get; } = new();

    /// <summary>
    /// Connections allowed from one IP address; <see langword="null"/> means <see cref="DefaultMaxConnections"/>.
    /// vsftpd <c>max_per_ip</c>, pure-ftpd <c>-C</c>, pyftpdlib <c>max_cons_per_ip</c>: refused at connect
    /// with a 421 greeting. proftpd <c>MaxClientsPerHost</c>: refused at PASS with 530.
    /// </summary>
    public int? MaxConnectionsPerIp { get; init; }

    /// <summary>
    /// Seconds without a command before the server closes the control connection (421);
    /// <see langword="null"/> means <see cref="DefaultIdleTimeoutSeconds"/>.
    /// vsftpd <c>idle_session_timeout</c>, proftpd <c>TimeoutIdle</c>, pyftpdlib <c>FTPHandler.timeout</c>.
    /// pure-ftpd's <c>-I</c> counts whole minutes, so the value is rounded up to a multiple of 60 there.
    /// </summary>
    public int? IdleTimeoutSeconds { get; init; }

    /// <summary>
    /// vsftpd TLS variants: <c>require_ssl_reuse</c>, i.e. refuse (522) a TLS data connection that does
    /// not resume the control connection's TLS session. Ignored by plain servers.
    /// </summary>
    public bool RequireTlsSessionReuse { get; init; } = true;

    /// <summary>The certificate a TLS variant presents. Ignored by plain servers.</summary>
    public TlsCertificateKind CertificateKind { get; init; } = TlsCertificateKind.Valid;

    /// <summary>
    /// Pyftpdlib only: the Python codec names go on the wire in ("cp1251", "shift_jis"), as a server without UTF-8
    /// would send them; files on disk keep UTF-8 names. Null: UTF-8.
    /// </summary>
    public string? NameEncoding { get; init; }

    internal void Validate()
    {
        if (MaxConnectionsPerIp is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxConnectionsPerIp), MaxConnectionsPerIp, "FtpServerOptions.MaxConnectionsPerIp must be between 1 and 10000.");
        }

        if (IdleTimeoutSeconds is < 1 or > 86_400)
        {
            throw new ArgumentOutOfRangeException(
                nameof(IdleTimeoutSeconds), IdleTimeoutSeconds, "FtpServerOptions.IdleTimeoutSeconds must be between 1 and 86400.");
        }

        if (!Enum.IsDefined(CertificateKind))
        {
            throw new ArgumentOutOfRangeException(
                nameof(CertificateKind), CertificateKind, "FtpServerOptions.CertificateKind is not a TlsCertificateKind value.");
        }
    }
}
