using Xunit;

namespace FtpMount.Testing;

/// <summary>
/// Sets of <see cref="FtpServerKind"/> for <c>[MemberData(nameof(FtpServerKinds.All), MemberType = typeof(FtpServerKinds))]</c>.
/// Each property returns a new instance, so a test may not change another test's data.
/// </summary>
public static class FtpServerKinds
{
    /// <summary>The four daemons over plain FTP.</summary>
    public static TheoryData<FtpServerKind> Plain =>
        new(FtpServerKind.Vsftpd, FtpServerKind.PureFtpd, FtpServerKind.Proftpd, FtpServerKind.Pyftpdlib);

    /// <summary>The FTPS variants: vsftpd with explicit and with implicit TLS.</summary>
    public static TheoryData<FtpServerKind> Tls =>
        new(FtpServerKind.VsftpdExplicitTls, FtpServerKind.VsftpdImplicitTls);

    /// <summary>Every kind: <see cref="Plain"/> then <see cref="Tls"/>.</summary>
    public static TheoryData<FtpServerKind> All => new(Enum.GetValues<FtpServerKind>());

    /// <summary>Whether the kind speaks FTPS.</summary>
    public static bool IsTls(FtpServerKind kind) =>
        kind is FtpServerKind.VsftpdExplicitTls or FtpServerKind.VsftpdImplicitTls;

    /// <summary>Whether the kind is one of the vsftpd variants.</summary>
    public static bool IsVsftpd(FtpServerKind kind) =>
        kind is FtpServerKind.Vsftpd or FtpServerKind.VsftpdExplicitTls or FtpServerKind.VsftpdImplicitTls;
}
