using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FtpMount.Ftp.Tls;

/// <summary>A SHA-256 fingerprint of a leaf certificate, compared in constant time.</summary>
internal sealed class CertificatePin
{
    private readonly byte[] _sha256;

    private CertificatePin(byte[] sha256) => _sha256 = sha256;

    public static CertificatePin? TryParse(string text)
    {
        var hex = text.Replace(":", string.Empty, StringComparison.Ordinal).Trim();
        if (hex.Length != 64)
        {
            return null;
        }

        try
        {
            return new CertificatePin(Convert.FromHexString(hex));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public bool Matches(X509Certificate certificate)
    {
        Span<byte> actual = stackalloc byte[32];
        SHA256.HashData(certificate.GetRawCertData(), actual);
        return CryptographicOperations.FixedTimeEquals(actual, _sha256);
    }
}
