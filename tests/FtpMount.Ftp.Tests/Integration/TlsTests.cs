using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Tls;
using FtpMount.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace FtpMount.Ftp.Tests.Integration;

[Trait("Category", "Integration")]
public class TlsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<FtpServerKind> TlsServers => FtpServerKinds.Tls;

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(TlsServers))]
    public async Task Data_connections_resume_the_control_session_as_vsftpd_requires(FtpServerKind kind)
    {
        await using var server = await FtpTestServer.StartAsync(kind, new FtpServerOptions { RequireTlsSessionReuse = true }, Ct);
        await using var session = await TestClients.ConnectAsync(server);
        Assert.True(session.IsTls);
        var home = await session.GetWorkingDirectoryAsync(Ct);
        // Several data connections in a row: each must resume, or vsftpd answers 522 and closes the connection.
        for (var i = 0; i < 4; i++)
        {
            var content = TestClients.RandomBytes(50_000 + i, i);
            var path = FtpPaths.Combine(home, $"f{i}.bin");
            var upload = await session.OpenWriteAsync(path, FtpWriteMode.Create, 0, Ct);
            await using (upload)
            {
                await upload.WriteAsync(content, Ct);
                await upload.CompleteAsync(null, Ct);
            }

            await using var download = await session.OpenReadAsync(path, 0, Ct);
            Assert.Equal(content, await TestClients.ReadAllAsync(download));
            var listing = await session.ListAsync(home, Ct);
            Assert.Equal(i + 1, listing.Entries.Count);
        }
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(TlsServers))]
    public async Task Older_pooled_session_still_makes_data_connections_after_a_newer_session_connects(FtpServerKind kind)
    {
        // .NET offers the newest session it holds for the target name; with a pool, that is another control
        // connection's, and vsftpd's require_ssl_reuse must still accept it for this connection's transfers.
        await using var server = await FtpTestServer.StartAsync(kind, new FtpServerOptions { RequireTlsSessionReuse = true }, Ct);
        await using var older = await TestClients.ConnectAsync(server);
        var home = await older.GetWorkingDirectoryAsync(Ct);
        await using var newer = await TestClients.ConnectAsync(server);
        Assert.Equal(home, await newer.GetWorkingDirectoryAsync(Ct));
        var content = TestClients.RandomBytes(40_000, 7);
        var path = FtpPaths.Combine(home, "older.bin");
        var upload = await older.OpenWriteAsync(path, FtpWriteMode.Create, 0, Ct);
        await using (upload)
        {
            await upload.WriteAsync(content, Ct);
            await upload.CompleteAsync(null, Ct);
        }

        await using var download = await newer.OpenReadAsync(path, 0, Ct);
        Assert.Equal(content, await TestClients.ReadAllAsync(download));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TlsServers))]
    public async Task Self_signed_certificate_without_a_pin_is_refused(FtpServerKind kind)
    {
        await using var server = await FtpTestServer.StartAsync(kind, null, Ct);
        var options = TestClients.OptionsFor(server) with { CertificateSha256 = null };
        var error = await Assert.ThrowsAsync<FtpTlsException>(() => FtpSession.ConnectAsync(options, NullLogger.Instance, Ct));
        Assert.Contains("not trusted", error.Message, StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TlsServers))]
    public async Task Wrong_pin_is_refused(FtpServerKind kind)
    {
        await using var server = await FtpTestServer.StartAsync(kind, null, Ct);
        var options = TestClients.OptionsFor(server) with { CertificateSha256 = new string('a', 64) };
        var error = await Assert.ThrowsAsync<FtpTlsException>(() => FtpSession.ConnectAsync(options, NullLogger.Instance, Ct));
        Assert.Contains("fingerprint", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Explicit_tls_against_a_server_without_tls_fails_closed()
    {
        // proftpd-core has no mod_tls, so it refuses AUTH TLS; the client must stop rather than log in in clear.
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Proftpd, null, Ct);
        var options = TestClients.OptionsFor(server) with { TlsMode = FtpTlsMode.Explicit };
        var error = await Assert.ThrowsAsync<FtpTlsException>(() => FtpSession.ConnectAsync(options, NullLogger.Instance, Ct));
        Assert.Contains("plaintext", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Password, error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Options that trust the server's own certificate as a root and check the real host name.</summary>
    private static FtpClientOptions TrustingRoot(FtpTestServer server) => TestClients.OptionsFor(server) with
    {
        CertificateSha256 = null,
        TrustedCertificatesPath = server.CertificatePath,
        TlsHostName = server.TlsHostName,
    };

    [Fact(Timeout = 60_000)]
    public async Task Certificate_trusted_through_a_root_file_and_matching_the_host_is_accepted()
    {
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.VsftpdExplicitTls, null, Ct);
        await using var session = await FtpSession.ConnectAsync(TrustingRoot(server), NullLogger.Instance, Ct);
        Assert.True(session.IsTls);
        Assert.StartsWith("/", await session.GetWorkingDirectoryAsync(Ct), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Expired_certificate_is_refused_even_from_a_trusted_root()
    {
        await using var server = await FtpTestServer.StartAsync(
            FtpServerKind.VsftpdExplicitTls, new FtpServerOptions { CertificateKind = TlsCertificateKind.Expired }, Ct);
        var error = await Assert.ThrowsAsync<FtpTlsException>(() => FtpSession.ConnectAsync(TrustingRoot(server), NullLogger.Instance, Ct));
        Assert.Contains("NotTimeValid", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Certificate_for_another_host_is_refused()
    {
        await using var server = await FtpTestServer.StartAsync(
            FtpServerKind.VsftpdImplicitTls, new FtpServerOptions { CertificateKind = TlsCertificateKind.WrongHost }, Ct);
        var error = await Assert.ThrowsAsync<FtpTlsException>(() => FtpSession.ConnectAsync(TrustingRoot(server), NullLogger.Instance, Ct));
        Assert.Contains("different host name", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Pinned_fingerprint_is_accepted_even_for_an_expired_certificate()
    {
        await using var server = await FtpTestServer.StartAsync(
            FtpServerKind.VsftpdExplicitTls, new FtpServerOptions { CertificateKind = TlsCertificateKind.Expired }, Ct);
        await using var session = await TestClients.ConnectAsync(server);
        Assert.True(session.IsTls);
    }
}
