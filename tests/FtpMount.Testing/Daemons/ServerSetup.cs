namespace FtpMount.Testing.Daemons;

/// <summary>
/// Everything a daemon's config writer needs, with the options already resolved to the values in force
/// (defaults filled in, pure-ftpd's minutes applied).
/// </summary>
internal sealed record ServerSetup(
    FtpServerKind Kind,
    string Host,
    int Port,
    ServerLayout Layout,
    TestAccount Account,
    ServerInstallation Installation,
    int MaxConnectionsPerIp,
    int IdleTimeoutSeconds,
    bool RequireTlsSessionReuse,
    TlsFiles? Tls,
    string? NameEncoding = null)
{
    /// <summary>The total connection limit: generous, and never below the per-IP one.</summary>
    internal int MaxConnections => Math.Max(FtpServerOptions.DefaultMaxConnections, MaxConnectionsPerIp);

    /// <summary>
    /// Data connections that nobody opens, or that stall, fail after this many seconds instead of hanging a
    /// test for the daemons' default of 60-300 s.
    /// </summary>
    internal const int DataTimeoutSeconds = 30;
}

/// <summary>The PEM files of a TLS server: the certificate (world-readable) and its private key (root only).</summary>
internal sealed record TlsFiles(string CertificatePath, string PrivateKeyPath);
