using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FtpMount.Testing;

namespace FtpMount.Ftp.Tests.Servers;

/// <summary>
/// Proves the FtpMount.Testing fixture against the real daemons: each kind starts, greets, logs the test
/// user in, serves files created in its RootDirectory, and leaves no process or port behind on dispose.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FtpTestServerTests
{
    private const int Timeout = 60_000;

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(FtpServerKinds.All), MemberType = typeof(FtpServerKinds))]
    public async Task Server_logs_in_the_test_user_and_serves_its_root_then_disposes_cleanly(FtpServerKind kind)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        FtpTestServer server = await FtpTestServer.StartAsync(kind, ct: ct);
        string serverFolder = Path.GetDirectoryName(server.RootDirectory)!;
        IReadOnlyList<int> processes;
        try
        {
            Assert.Equal(kind, server.Kind);
            Assert.Equal("127.0.0.1", server.Host);
            Assert.Equal(FtpServerKinds.IsTls(kind), server.IsTls);
            File.WriteAllBytes(Path.Combine(server.RootDirectory, "hello.txt"), "hello, ftp"u8.ToArray());

            await using RawFtpSession session = await RawFtpSession.ConnectAsync(server, ct);
            await session.GreetAndLoginAsync(ct);
            RawReply pwd = await session.SendAsync("PWD", ct);
            Assert.Equal(257, pwd.Code);
            Assert.Contains("\"/\"", pwd.Text, StringComparison.Ordinal);

            // proftpd refuses SIZE in ASCII mode (550), and RFC 3659 §4 ties SIZE to the transfer type.
            Assert.Equal(200, (await session.SendAsync("TYPE I", ct)).Code);
            Assert.Equal("213 10", (await session.SendAsync("SIZE hello.txt", ct)).FirstLine);

            // Taken while the session is open, so the forking daemons' session processes are included.
            processes = server.GetProcessIds();
            Assert.NotEmpty(processes);
        }
        finally
        {
            await server.DisposeAsync();
        }

        await server.DisposeAsync(); // a second dispose is a no-op
        Assert.False(server.IsRunning);
        Assert.False(await ServerProbes.AcceptsConnectionsAsync(server, ct), $"{server} still accepts connections");
        Assert.Empty(ServerProbes.StillAlive(processes));
        Assert.Empty(ServerProbes.ProcessesUsing(serverFolder));
        Assert.False(Directory.Exists(serverFolder), $"{serverFolder} was not deleted");
    }

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(FtpServerKinds.All), MemberType = typeof(FtpServerKinds))]
    public async Task Passive_data_connection_downloads_a_file(FtpServerKind kind)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using FtpTestServer server = await FtpTestServer.StartAsync(kind, ct: ct);
        byte[] contents = new byte[100_000];
        new Random(42).NextBytes(contents);
        server.CreateFile("data.bin", contents);

        await using RawFtpSession session = await RawFtpSession.ConnectAsync(server, ct);
        await session.GreetAndLoginAsync(ct);

        // Twice on one session: vsftpd's require_ssl_reuse checks every data connection.
        for (int transfer = 0; transfer < 2; transfer++)
        {
            (byte[] data, RawReply final) = await session.RetrieveAsync("data.bin", ct);
            Assert.Equal(226, final.Code);
            Assert.Equal(contents, data);
        }
    }

    [Theory(Timeout = Timeout)]
    [InlineData(true, 522)]
    [InlineData(false, 226)]
    public async Task Tls_data_connection_that_does_not_resume_the_session_is_refused_when_reuse_is_required(
        bool requireReuse, int expectedReply)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using FtpTestServer server = await FtpTestServer.StartAsync(
            FtpServerKind.VsftpdExplicitTls, new FtpServerOptions { RequireTlsSessionReuse = requireReuse }, ct);
        server.CreateFile("data.bin", "0123456789"u8);
        await using RawFtpSession session = await RawFtpSession.ConnectAsync(server, ct);
        await session.GreetAndLoginAsync(ct);

        // A different TargetHost gets a different TLS session cache entry in .NET, so nothing is resumed.
        (_, RawReply final) = await session.RetrieveAsync("data.bin", ct, dataTlsHost: "127.0.0.1");
        Assert.Equal(expectedReply, final.Code);
    }

    [Fact(Timeout = Timeout)]
    public async Task Servers_of_different_kinds_run_side_by_side()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        Task<FtpTestServer>[] starts =
        [
            FtpTestServer.StartAsync(FtpServerKind.Proftpd, ct: ct),
            FtpTestServer.StartAsync(FtpServerKind.VsftpdExplicitTls, ct: ct),
        ];
        try
        {
            await Task.WhenAll(starts);
            FtpTestServer first = await starts[0];
            FtpTestServer second = await starts[1];
            Assert.NotEqual(first.Port, second.Port);
            Assert.NotEqual(first.RootDirectory, second.RootDirectory);
            first.CreateFile("only-here.txt", "1"u8);
            second.CreateFile("only-here.txt", "22"u8);

            await using RawFtpSession a = await RawFtpSession.ConnectAsync(first, ct);
            await using RawFtpSession b = await RawFtpSession.ConnectAsync(second, ct);
            await a.GreetAndLoginAsync(ct);
            await b.GreetAndLoginAsync(ct);
            Assert.Equal(200, (await a.SendAsync("TYPE I", ct)).Code);
            Assert.Equal(200, (await b.SendAsync("TYPE I", ct)).Code);
            Assert.Equal("213 1", (await a.SendAsync("SIZE only-here.txt", ct)).FirstLine);
            Assert.Equal("213 2", (await b.SendAsync("SIZE only-here.txt", ct)).FirstLine);
        }
        finally
        {
            foreach (Task<FtpTestServer> start in starts)
            {
                if (start.IsCompletedSuccessfully)
                {
                    await (await start).DisposeAsync();
                }
            }
        }
    }

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task Kill_stops_the_server_and_restart_serves_the_same_root_on_the_same_port(FtpServerKind kind)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using FtpTestServer server = await FtpTestServer.StartAsync(kind, ct: ct);
        int port = server.Port;
        server.CreateFile("dir/kept.txt", "1234"u8);

        await server.KillAsync(ct);
        Assert.False(server.IsRunning);
        Assert.Empty(server.GetProcessIds());
        Assert.False(await ServerProbes.AcceptsConnectionsAsync(server, ct));

        await server.RestartAsync(ct);
        Assert.True(server.IsRunning);
        Assert.Equal(port, server.Port);
        await using RawFtpSession session = await RawFtpSession.ConnectAsync(server, ct);
        await session.GreetAndLoginAsync(ct);
        Assert.Equal(200, (await session.SendAsync("TYPE I", ct)).Code);
        Assert.Equal("213 4", (await session.SendAsync("SIZE dir/kept.txt", ct)).FirstLine);
    }

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task Connection_over_the_per_ip_limit_is_refused(FtpServerKind kind)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using FtpTestServer server = await FtpTestServer.StartAsync(
            kind, new FtpServerOptions { MaxConnectionsPerIp = 1 }, ct);
        Assert.Equal(1, server.MaxConnectionsPerIp);
        await using RawFtpSession first = await RawFtpSession.ConnectAsync(server, ct);
        await first.GreetAndLoginAsync(ct);

        await using RawFtpSession second = await RawFtpSession.ConnectAsync(server, ct);
        RawReply greeting = await second.ReadReplyAsync(ct);
        if (kind == FtpServerKind.Proftpd)
        {
            // proftpd's MaxClientsPerHost greets normally and refuses the login instead.
            Assert.Equal(220, greeting.Code);
            Assert.Equal(331, (await second.SendAsync("USER " + server.UserName, ct)).Code);
            Assert.Equal(530, (await second.SendAsync("PASS " + server.Password, ct)).Code);
        }
        else
        {
            Assert.Equal(421, greeting.Code);
        }
    }

    [Theory(Timeout = Timeout)]
    [InlineData(FtpServerKind.Vsftpd)]
    [InlineData(FtpServerKind.Proftpd)]
    [InlineData(FtpServerKind.Pyftpdlib)]
    public async Task Idle_session_is_closed_with_421_after_the_idle_timeout(FtpServerKind kind)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using FtpTestServer server = await FtpTestServer.StartAsync(
            kind, new FtpServerOptions { IdleTimeoutSeconds = 2 }, ct);
        Assert.Equal(TimeSpan.FromSeconds(2), server.IdleTimeout);
        await using RawFtpSession session = await RawFtpSession.ConnectAsync(server, ct);
        await session.GreetAndLoginAsync(ct);

        // No command: the next reply is the server's own, sent when the idle timer fires.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        Assert.Equal(421, (await session.ReadReplyAsync(deadline.Token)).Code);
    }

    [Fact(Timeout = Timeout)]
    public async Task Pure_ftpd_idle_timeout_is_rounded_up_to_whole_minutes()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using FtpTestServer server = await FtpTestServer.StartAsync(
            FtpServerKind.PureFtpd, new FtpServerOptions { IdleTimeoutSeconds = 5 }, ct);
        Assert.Equal(TimeSpan.FromMinutes(1), server.IdleTimeout);
    }

    [Theory(Timeout = Timeout)]
    [InlineData(TlsCertificateKind.Valid)]
    [InlineData(TlsCertificateKind.Expired)]
    [InlineData(TlsCertificateKind.WrongHost)]
    public async Task Tls_server_presents_the_requested_certificate(TlsCertificateKind certificateKind)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using FtpTestServer server = await FtpTestServer.StartAsync(
            FtpServerKind.VsftpdImplicitTls, new FtpServerOptions { CertificateKind = certificateKind }, ct);
        using X509Certificate2 onDisk = X509Certificate2.CreateFromPem(File.ReadAllText(server.CertificatePath!));
        Assert.Equal(Convert.ToHexString(SHA256.HashData(onDisk.RawData)), server.CertificateSha256);
        Assert.Equal("localhost", server.TlsHostName);

        await using RawFtpSession session = await RawFtpSession.ConnectAsync(server, ct);
        await session.GreetAndLoginAsync(ct);
        Assert.Equal(server.CertificateSha256, session.LastTlsCertificate!.GetCertHashString(HashAlgorithmName.SHA256));
        // The session was made under the server's own TLS name (trusted by pin); the certificate is checked here.
        bool nameMismatch = !session.LastTlsCertificate!.MatchesHostname(server.TlsHostName);
        Assert.Equal(certificateKind == TlsCertificateKind.WrongHost, nameMismatch);
        Assert.Equal(certificateKind == TlsCertificateKind.Expired, onDisk.NotAfter < DateTime.Now);
    }

    [Fact]
    public void Missing_server_binary_fails_naming_the_file_and_the_install_script()
    {
        var installation = new ServerInstallation("/nonexistent/ftpmount-test-servers");
        FtpTestServerException error = Assert.Throws<FtpTestServerException>(
            () => installation.RequireFilesFor(FtpServerKind.Proftpd));
        Assert.Contains("/nonexistent/ftpmount-test-servers/usr/sbin/proftpd", error.Message, StringComparison.Ordinal);
        Assert.Contains("bash scripts/install-test-servers.sh", error.Message, StringComparison.Ordinal);
    }
}
