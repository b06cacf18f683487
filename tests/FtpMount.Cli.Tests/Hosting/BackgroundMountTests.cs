using System.Diagnostics;
using FtpMount.Cli.Hosting;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Hosting;

/// <summary>
/// The real binary, end to end, against servers that never become ready: daemonizing, readiness, error sentences
/// and secret hygiene. Mounting a real server is proven in FtpMount.Cli.Tests.Mount.
/// </summary>
[Trait("Category", "Integration")]
public sealed class BackgroundMountTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>Short, so the child is seen between its exec and the end of its first connection attempt.</summary>
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(20);

    private readonly TempDirectory _mountPoint = new();
    private readonly string _secret = "s3cret-" + Guid.NewGuid().ToString("N");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _mountPoint.Dispose();

    [Theory(Timeout = 120_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Parent_returns_the_childs_error_and_the_child_never_holds_the_password_in_argv_or_environment(bool passwordInUrl)
    {
        // A server that accepts and says nothing for 3 s keeps the background child alive long enough to inspect.
        using var silent = new SilentServer(TimeSpan.FromSeconds(3));
        var source = passwordInUrl ? $"ftp://alice:{_secret}@127.0.0.1:{silent.Port}/pub" : $"ftp://alice@127.0.0.1:{silent.Port}/pub";
        var environment = new Dictionary<string, string>();
        if (!passwordInUrl)
        {
            environment["FTPMOUNT_PASSWORD"] = _secret;
        }

        var clock = Stopwatch.StartNew();
        using var parent = FtpmountBinary.Start([source, _mountPoint.Path, "-o", "ro,log_level=debug"], environment);

        // Between fork and exec the child still has the parent's command line and environment: wait for the exec.
        var child = await Poll.ForValueAsync(
            () => FtpmountBinary.ChildrenOf(parent.Id)
                .Where(pid => FtpmountBinary.ProcStrings(pid, "cmdline") is [.., "-f"])
                .Cast<int?>()
                .FirstOrDefault(),
            Deadline,
            "The background child did not exec ftpmount -f within the deadline.",
            Ct,
            ProbeInterval);
        var cmdline = FtpmountBinary.ProcStrings(child, "cmdline");
        var environ = FtpmountBinary.ProcStrings(child, "environ");
        Assert.NotNull(cmdline);
        Assert.NotNull(environ);
        Assert.Contains(_mountPoint.Path, cmdline);
        Assert.Equal("-f", cmdline[^1]);
        Assert.Contains($"ftp://alice@127.0.0.1:{silent.Port}/pub", cmdline);
        Assert.DoesNotContain(cmdline, arg => arg.Contains(_secret, StringComparison.Ordinal));
        Assert.DoesNotContain(environ, variable => variable.Contains(_secret, StringComparison.Ordinal));
        Assert.DoesNotContain(environ, variable => variable.StartsWith("FTPMOUNT_PASSWORD=", StringComparison.Ordinal));

        // The child leaves the starter's session (setsid), so a closing terminal cannot take the mount down.
        await Poll.ForValueAsync(
            () => FtpmountBinary.SessionOf(child) is { } session && session == child ? child : (int?)null,
            Deadline,
            "The background child did not leave the starter's session within the deadline.",
            Ct,
            ProbeInterval);

        var (exitCode, output, error) = await FtpmountBinary.FinishAsync(parent, Deadline, Ct);
        Assert.Equal(ExitCodes.Unreachable, exitCode);
        Assert.Contains($"ftpmount: Cannot reach 127.0.0.1:{silent.Port}", error, StringComparison.Ordinal);
        Assert.DoesNotContain(_secret, error + output, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Equal(passwordInUrl, error.Contains("URL contains a password", StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task Foreground_mode_reports_an_unreachable_host_in_one_sentence()
    {
        var (exitCode, _, error) = await FtpmountBinary.RunAsync(
            ["ftp://127.0.0.1:1/", _mountPoint.Path, "-f"], new Dictionary<string, string>(), Deadline, Ct);
        Assert.Equal(ExitCodes.Unreachable, exitCode);
        Assert.Contains("ftpmount: Cannot reach 127.0.0.1:1", error, StringComparison.Ordinal);
        Assert.Contains("connection refused", error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Background_mode_gives_up_after_daemon_timeout_and_stops_the_child()
    {
        using var silent = new SilentServer(TimeSpan.FromMinutes(5));
        var (exitCode, _, error) = await FtpmountBinary.RunAsync(
            [$"ftp://127.0.0.1:{silent.Port}/", _mountPoint.Path, "-o", "daemon_timeout=1"], new Dictionary<string, string>(), Deadline, Ct);
        Assert.Equal(ExitCodes.NotReady, exitCode);
        Assert.Contains("not ready within 1 s", error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Missing_password_without_a_terminal_fails_before_forking()
    {
        var (exitCode, _, error) = await FtpmountBinary.RunAsync(
            ["ftp://alice@127.0.0.1:1/", _mountPoint.Path], new Dictionary<string, string>(), Deadline, Ct);
        Assert.Equal(ExitCodes.Credentials, exitCode);
        Assert.Contains("No password for user alice on host 127.0.0.1", error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Busy_mount_point_fails_before_forking()
    {
        var (exitCode, _, error) = await FtpmountBinary.RunAsync(["ftp://127.0.0.1:1/", "/proc"], new Dictionary<string, string>(), Deadline, Ct);
        Assert.Equal(ExitCodes.Mountpoint, exitCode);
        Assert.Contains("/proc is busy", error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Bad_option_is_a_usage_error_and_help_and_version_succeed()
    {
        var bad = await FtpmountBinary.RunAsync(["ftp://h/", _mountPoint.Path, "-o", "frobnicate"], new Dictionary<string, string>(), Deadline, Ct);
        Assert.Equal(ExitCodes.Usage, bad.ExitCode);
        Assert.Contains("Unknown option \"frobnicate\"", bad.Error, StringComparison.Ordinal);

        var help = await FtpmountBinary.RunAsync(["--help"], new Dictionary<string, string>(), Deadline, Ct);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("ftpmount SOURCE MOUNTPOINT", help.Output, StringComparison.Ordinal);

        var version = await FtpmountBinary.RunAsync(["--version"], new Dictionary<string, string>(), Deadline, Ct);
        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith("ftpmount ", version.Output, StringComparison.Ordinal);
    }
}
