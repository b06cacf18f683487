namespace FtpMount.Ftp.Tls;

public enum FtpTlsMode
{
    /// <summary>Plain FTP: credentials and data in clear.</summary>
    None,

    /// <summary>AUTH TLS on the normal port, then PBSZ 0 / PROT P (RFC 4217).</summary>
    Explicit,

    /// <summary>TLS from the first byte (de facto port 990).</summary>
    Implicit,
}
