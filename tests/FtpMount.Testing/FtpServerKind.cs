namespace FtpMount.Testing;

/// <summary>The real FTP servers that <see cref="FtpTestServer"/> can start.</summary>
public enum FtpServerKind
{
    /// <summary>vsftpd 3.0.3, plain FTP; the test user logs in through PAM as a local user.</summary>
    Vsftpd,

    /// <summary>pure-ftpd 1.0.50, plain FTP; the test user is a puredb virtual user.</summary>
    PureFtpd,

    /// <summary>proftpd 1.3.8 (proftpd-core, which has no mod_tls), plain FTP; an AuthUserFile virtual user.</summary>
    Proftpd,

    /// <summary>pyftpdlib 1.5.7 on Debian's python3, plain FTP; a DummyAuthorizer user.</summary>
    Pyftpdlib,

    /// <summary>vsftpd with explicit FTPS (RFC 4217 AUTH TLS); TLS is required for login and data.</summary>
    VsftpdExplicitTls,

    /// <summary>vsftpd with implicit FTPS: TLS from the first byte of every connection.</summary>
    VsftpdImplicitTls,
}
