namespace FtpMount.Testing;

/// <summary>Which self-signed certificate a TLS server presents, for certificate validation tests.</summary>
public enum TlsCertificateKind
{
    /// <summary>Valid now, CN and SAN <c>localhost</c> (<see cref="FtpTestServer.TlsHostName"/>).</summary>
    Valid,

    /// <summary>CN and SAN <c>localhost</c>, but expired yesterday.</summary>
    Expired,

    /// <summary>Valid now, but issued for <c>wrong-host.invalid</c> instead of <c>localhost</c>.</summary>
    WrongHost,
}
