using FtpMount.Cli.Hosting;
using FtpMount.Cli.Tests.Hosting;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Doctor;

/// <summary><c>ftpmount doctor</c> against real servers: what it finds, and advice where something is off.</summary>
[Trait("Category", "Integration")]
public class DoctorTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<(int ExitCode, string Output, string Error)> DoctorAsync(FtpTestServer server, params string[] extra) =>
        FtpmountBinary.RunAsync(
            ["doctor", $"ftp://{server.UserName}@127.0.0.1:{server.Port}/", .. extra],
            new Dictionary<string, string> { ["FTPMOUNT_PASSWORD"] = server.Password },
            Deadline,
            Ct);

    [Fact(Timeout = 120_000)]
    public async Task Doctor_reports_features_data_connections_and_round_trip_of_a_healthy_server()
    {
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Pyftpdlib, null, Ct);
        var (exitCode, output, _) = await DoctorAsync(server, "-o", "max_connections=2");
        Assert.Contains("MLSD (exact sizes and UTC times)", output, StringComparison.Ordinal);
        Assert.Contains("passive data           works", output, StringComparison.Ordinal);
        Assert.Contains("active data            works", output, StringComparison.Ordinal);
        Assert.Contains("round trip", output, StringComparison.Ordinal);
        Assert.Contains("none: password and data travel in clear", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.DoesNotContain(server.Password, output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Doctor_finds_the_per_ip_limit_and_advises_a_pool_size()
    {
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Proftpd, new FtpServerOptions { MaxConnectionsPerIp = 3 }, Ct);
        var (exitCode, output, _) = await DoctorAsync(server, "-o", "max_connections=6");
        Assert.Contains("3 connection(s) accepted", output, StringComparison.Ordinal);
        Assert.Contains("advice: mount with -o max_connections=3", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failure, exitCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task Doctor_explains_a_bad_password()
    {
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Vsftpd, null, Ct);
        var (exitCode, output, _) = await FtpmountBinary.RunAsync(
            ["doctor", $"ftp://{server.UserName}@127.0.0.1:{server.Port}/"],
            new Dictionary<string, string> { ["FTPMOUNT_PASSWORD"] = "not-the-password" },
            Deadline,
            Ct);
        Assert.Equal(ExitCodes.AuthenticationFailed, exitCode);
        Assert.Contains("advice: check the user name and the password source", output, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Doctor_sees_names_that_are_not_utf8_and_suggests_the_encoding_option()
    {
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Pyftpdlib, new FtpServerOptions { NameEncoding = "cp1251" }, Ct);
        server.CreateFile("Отчёт.txt", "x"u8);
        server.CreateFile("plain.txt", "x"u8);

        var (exitCode, output, _) = await DoctorAsync(server, "-o", "max_connections=2");
        var (withOption, checkedOutput, _) = await DoctorAsync(server, "-o", "max_connections=2,encoding=windows-1251");

        Assert.Contains("1 name is not valid utf-8", output, StringComparison.Ordinal);
        Assert.Contains("-o encoding=NAME (windows-1251 for Cyrillic", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("names                  2 in / read as windows-1251", checkedOutput, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, withOption);
    }
}
