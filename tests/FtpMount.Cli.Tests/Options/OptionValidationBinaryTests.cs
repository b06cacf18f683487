using FtpMount.Cli.Tests.Hosting;

namespace FtpMount.Cli.Tests.Options;

/// <summary>The real binary refuses bad option values before mounting: one sentence, the usage exit code, no stack trace.</summary>
[Trait("Category", "Integration")]
public class OptionValidationBinaryTests
{
    private const int UsageExitCode = 2;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = 60_000)]
    [InlineData("timeout=nan", "timeout=nan")]
    [InlineData("dir_cache_ttl=nan", "dir_cache_ttl=nan")]
    [InlineData("writeback,writeback_delay=nan", "writeback_delay=nan")]
    [InlineData("connect_timeout=Infinity", "connect_timeout=Infinity")]
    public async Task A_bad_number_ends_with_one_sentence_naming_the_option(string options, string named)
    {
        using var mountPoint = new TempDirectory();
        var result = await RunAsync(mountPoint.Path, options);
        AssertRefused(result, named);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_spool_dir_that_is_a_file_is_refused_before_mounting()
    {
        using var mountPoint = new TempDirectory();
        using var elsewhere = new TempDirectory();
        var file = elsewhere.File("not-a-folder", "x", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        AssertRefused(await RunAsync(mountPoint.Path, $"spool_dir={file}"), $"spool_dir={file}");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_spool_dir_that_cannot_be_created_is_refused_before_mounting()
    {
        using var mountPoint = new TempDirectory();
        using var elsewhere = new TempDirectory();
        var file = elsewhere.File("file", "x", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var below = Path.Combine(file, "spool");
        AssertRefused(await RunAsync(mountPoint.Path, $"spool_dir={below}"), $"spool_dir={below}");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_log_file_that_cannot_be_written_is_refused_before_mounting()
    {
        using var mountPoint = new TempDirectory();
        using var elsewhere = new TempDirectory();
        var log = Path.Combine(elsewhere.Path, "missing-folder", "mount.log");
        AssertRefused(await RunAsync(mountPoint.Path, $"log_file={log}"), $"log_file={log}");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_missing_spool_dir_is_created_for_the_user_only()
    {
        using var mountPoint = new TempDirectory();
        using var elsewhere = new TempDirectory();
        var spool = Path.Combine(elsewhere.Path, "new", "spool");

        // The server does not exist: the mount fails after the spool folder was checked and created.
        var result = await RunAsync(mountPoint.Path, $"spool_dir={spool},connect_timeout=2");
        Assert.NotEqual(0, result.ExitCode);
        Assert.True(Directory.Exists(spool), result.Error);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(spool));
    }

    [Fact(Timeout = 90_000)]
    public async Task A_default_spool_folder_that_cannot_be_created_says_to_choose_spool_dir()
    {
        // A service account's HOME is often missing or read-only; here the cache home is a file.
        await using var server = await FtpMount.Testing.FtpTestServer.StartAsync(FtpMount.Testing.FtpServerKind.Pyftpdlib, null, Ct);
        using var mountPoint = new TempDirectory();
        using var elsewhere = new TempDirectory();
        var cacheHome = elsewhere.File("cache-home", "x", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var result = await FtpmountBinary.RunAsync(
            [$"ftp://{server.UserName}@127.0.0.1:{server.Port}/", mountPoint.Path, "-f"],
            new Dictionary<string, string> { ["FTPMOUNT_PASSWORD"] = server.Password, ["XDG_CACHE_HOME"] = cacheHome },
            TimeSpan.FromSeconds(60),
            Ct);
        Assert.True(result.ExitCode == UsageExitCode, $"exit {result.ExitCode}: {result.Error}");
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        var sentence = Assert.Single(result.Error.Split('\n'), line => line.StartsWith("ftpmount: ", StringComparison.Ordinal));
        Assert.Contains(cacheHome, sentence, StringComparison.Ordinal);
        Assert.Contains("-o spool_dir=PATH", sentence, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(string mountPoint, string options) =>
        FtpmountBinary.RunAsync(
            ["ftp://nobody@127.0.0.1:9/", mountPoint, "-f", "-o", options],
            new Dictionary<string, string> { ["FTPMOUNT_PASSWORD"] = "x" },
            TimeSpan.FromSeconds(45),
            Ct);

    private static void AssertRefused((int ExitCode, string Output, string Error) result, string named)
    {
        Assert.True(result.ExitCode == UsageExitCode, $"exit {result.ExitCode}: {result.Error}");
        Assert.Contains(named, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
