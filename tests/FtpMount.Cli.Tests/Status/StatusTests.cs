using FtpMount.Cli.Hosting;
using FtpMount.Cli.Tests.Hosting;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Status;

/// <summary><c>ftpmount status</c> asks a running mount for its figures over its private socket.</summary>
[Trait("Category", "Integration")]
public class StatusTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 120_000)]
    public async Task Status_reports_connections_cache_uploads_and_transfers_of_a_running_mount()
    {
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Pyftpdlib, null, Ct);
        server.CreateFile("seen.txt", "x"u8);
        server.CreateFile("big.bin", new byte[8 * 1024 * 1024]);
        using var mountPoint = new TempDirectory();
        var mount = await FtpmountBinary.RunAsync(
            [$"ftp://{server.UserName}@127.0.0.1:{server.Port}/", mountPoint.Path, "-o", "max_connections=3"],
            new Dictionary<string, string> { ["FTPMOUNT_PASSWORD"] = server.Password },
            Deadline,
            Ct);
        Assert.True(mount.ExitCode == 0, mount.Error);
        try
        {
            Assert.Equal(2, Directory.GetFiles(mountPoint.Path).Length);
            Assert.True(File.Exists(Path.Combine(mountPoint.Path, "seen.txt")));

            var status = await FtpmountBinary.RunAsync(["status", mountPoint.Path], new Dictionary<string, string>(), Deadline, Ct);
            Assert.Equal(ExitCodes.Success, status.ExitCode);
            Assert.Contains(mountPoint.Path, status.Output, StringComparison.Ordinal);
            Assert.Matches(@"connections  \d+ open, \d+ idle, limit 3 of 3", status.Output);
            Assert.Matches(@"cache        [1-9]\d* hits, [1-9]\d* misses", status.Output);
            Assert.Contains("uploads      0 pending (0 retrying after a failure, 0 refused by the server), 0 open file(s) with unsaved changes", status.Output, StringComparison.Ordinal);
            Assert.Contains("write-back   off (close() waits for each upload)", status.Output, StringComparison.Ordinal);
            Assert.Contains("transfers    none in flight", status.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(server.Password, status.Output, StringComparison.Ordinal);

            // A file open and partly read keeps its download stream: status shows it with its progress.
            await using (var reading = File.OpenRead(Path.Combine(mountPoint.Path, "big.bin")))
            {
                var buffer = new byte[128 * 1024];
                Assert.True(await reading.ReadAsync(buffer, Ct) > 0);
                var during = await FtpmountBinary.RunAsync(["status", mountPoint.Path], new Dictionary<string, string>(), Deadline, Ct);
                Assert.Matches(@"transfer     download /big\.bin  \d+(\.\d)? [KM]iB of 8\.0 MiB \(\d+ %\)  ", during.Output);
            }

            var all = await FtpmountBinary.RunAsync(["status"], new Dictionary<string, string>(), Deadline, Ct);
            Assert.Contains(mountPoint.Path, all.Output, StringComparison.Ordinal);
        }
        finally
        {
            await FtpmountBinary.RunAsync(["unmount", mountPoint.Path], new Dictionary<string, string>(), Deadline, Ct);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Status_of_a_directory_that_is_no_mount_fails_clearly()
    {
        using var notMounted = new TempDirectory();
        var status = await FtpmountBinary.RunAsync(["status", notMounted.Path], new Dictionary<string, string>(), Deadline, Ct);
        Assert.Equal(ExitCodes.Failure, status.ExitCode);
        Assert.Contains("no status", status.Error, StringComparison.Ordinal);
    }
}
