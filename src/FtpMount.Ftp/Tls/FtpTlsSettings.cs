using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace FtpMount.Ftp.Tls;

/// <summary>
/// Builds the TLS client options for one endpoint. Control and data streams must use the same target host and
/// identical options: .NET caches TLS sessions keyed on both, and servers with require_ssl_reuse (vsftpd, proftpd,
/// FileZilla Server) answer 522/425 to a data connection that did not resume the control session.
/// </summary>
internal sealed class FtpTlsSettings
{
    private readonly string _targetHost;
    private readonly CertificatePin? _pin;

    private readonly bool _allowTls13;

    private readonly X509Certificate2Collection? _trustedRoots;

    public FtpTlsSettings(string targetHost, string? certificateSha256, bool allowTls13 = false, string? trustedCertificatesPath = null)
    {
        _targetHost = targetHost;
        _allowTls13 = allowTls13;
        if (trustedCertificatesPath is not null)
        {
            _trustedRoots = [];
            _trustedRoots.ImportFromPemFile(trustedCertificatesPath);
        }

        _pin = certificateSha256 is null ? null : CertificatePin.TryParse(certificateSha256);
    }

    /// <summary>Set by the validation callback when a certificate was refused, so the error can say why.</summary>
    public string? LastRejection { get; private set; }

    public SslClientAuthenticationOptions CreateOptions() => new()
    {
        TargetHost = _targetHost,
        AllowTlsResume = true,
        // TLS 1.3 tickets are single-use and arrive after the handshake; an upload's data connection never reads
        // them, so the next data connection finds no ticket, does a full handshake, and vsftpd answers 522
        // (require_ssl_reuse). A TLS 1.2 session can be resumed by every data connection of the session.
        EnabledSslProtocols = _allowTls13
            ? System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13
            : System.Security.Authentication.SslProtocols.Tls12,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        RemoteCertificateValidationCallback = Validate,
    };

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            LastRejection = "the server sent no certificate";
            return false;
        }

        if (_pin is not null)
        {
            // A pin replaces chain and name checks: it is how users trust a self-signed server on purpose.
            if (_pin.Matches(certificate))
            {
                return true;
            }

            LastRejection = "its SHA-256 fingerprint does not match the pinned one";
            return false;
        }

        if (_trustedRoots is not null)
        {
            errors = WithCustomRoots(certificate, errors, out chain);
        }

        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        LastRejection = Describe(errors, chain);
        return false;
    }

    /// <summary>Re-checks the chain against the configured roots only; the host name verdict stays the system's.</summary>
    private SslPolicyErrors WithCustomRoots(X509Certificate certificate, SslPolicyErrors errors, out X509Chain? chain)
    {
        var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_trustedRoots!);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        var trusted = custom.Build(leaf);
        chain = custom;
        errors &= ~SslPolicyErrors.RemoteCertificateChainErrors;
        return trusted ? errors : errors | SslPolicyErrors.RemoteCertificateChainErrors;
    }

    private static string Describe(SslPolicyErrors errors, X509Chain? chain)
    {
        var reasons = new List<string>();
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            reasons.Add("the certificate is for a different host name");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            var status = chain?.ChainStatus is { Length: > 0 } statuses
                ? string.Join(", ", Array.ConvertAll(statuses, s => s.Status.ToString()))
                : "untrusted chain";
            reasons.Add($"the certificate chain is not trusted ({status}); pin its fingerprint to trust it explicitly");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            reasons.Add("no certificate was presented");
        }

        return string.Join("; ", reasons);
    }
}
