using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FtpMount.Testing.Tls;

/// <summary>
/// A self-signed RSA server certificate made at test time with <see cref="CertificateRequest"/>, exported as
/// PEM for vsftpd. One of each <see cref="TlsCertificateKind"/> per test process: RSA key generation is the
/// slow part, and servers may share a certificate.
/// </summary>
internal sealed class TestCertificate
{
    internal const string HostName = "localhost";
    internal const string WrongHostName = "wrong-host.invalid";

    private static readonly ConcurrentDictionary<TlsCertificateKind, Lazy<TestCertificate>> Cache = new();

    private TestCertificate(string certificatePem, string privateKeyPem, string sha256)
    {
        CertificatePem = certificatePem;
        PrivateKeyPem = privateKeyPem;
        Sha256 = sha256;
    }

    internal string CertificatePem { get; }

    internal string PrivateKeyPem { get; }

    /// <summary>SHA-256 of the DER certificate, upper-case hex without separators.</summary>
    internal string Sha256 { get; }

    internal static TestCertificate Get(TlsCertificateKind kind) =>
        Cache.GetOrAdd(kind, static k => new Lazy<TestCertificate>(() => Create(k))).Value;

    private static TestCertificate Create(TlsCertificateKind kind)
    {
        string host = kind == TlsCertificateKind.WrongHost ? WrongHostName : HostName;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(
            new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));

        // No keyUsage extension: OpenSSL treats a self-signed certificate whose keyUsage lacks keyCertSign as
        // not self-issued, and then cannot use it as its own trust anchor (SSL_CERT_FILE, custom trust stores).
        DateTimeOffset now = DateTimeOffset.UtcNow;
        (DateTimeOffset notBefore, DateTimeOffset notAfter) = kind == TlsCertificateKind.Expired
            ? (now.AddDays(-30), now.AddDays(-1))
            : (now.AddDays(-1), now.AddDays(30));

        using X509Certificate2 certificate = request.CreateSelfSigned(notBefore, notAfter);
        return new TestCertificate(
            certificate.ExportCertificatePem(),
            key.ExportPkcs8PrivateKeyPem(),
            Convert.ToHexString(SHA256.HashData(certificate.RawData)));
    }
}
