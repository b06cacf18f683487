using FtpMount.Cli.Tests.Reliability;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Hosting;

/// <summary>
/// A background mount's stderr is read only until the command that started it returns; log_file= keeps its log
/// after that, the secret still out of it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class BackgroundLogFileTests : IDisposable
{
    private readonly TempDirectory _logs = new();

    public void Dispose() => _logs.Dispose();

    [Fact(Timeout = 120_000)]
    public async Task A_background_mount_logs_to_its_log_file_after_the_starter_returned_and_never_the_password()
    {
        var log = Path.Combine(_logs.Path, "mount.log");
        string password;
        await using (var mount = await FaultyMount.StartAsync(
                         FtpServerKind.Pyftpdlib,
                         options: FaultyMount.DefaultOptions + $",log_level=trace,log_file={log}",
                         seed: server => server.CreateFile("read-later.txt", "content\n"u8)))
        {
            password = mount.Server.Password;
            var read = await FaultyMount.ShellAsync($"cat '{mount.PathOf("read-later.txt")}'");
            Assert.True(read.ExitCode == 0, read.Error);
            Assert.Equal("content\n", read.Output);
        }

        var text = await File.ReadAllTextAsync(log, TestContext.Current.CancellationToken);
        Assert.Contains("> RETR /read-later.txt", text, StringComparison.Ordinal);
        Assert.Contains("Unmounted", text, StringComparison.Ordinal);
        Assert.Contains("PASS ***", text, StringComparison.Ordinal);
        Assert.DoesNotContain(password, text, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(log));
    }
}
