using FtpMount.Cli.Config;
using FtpMount.Cli.Daemon;
using FtpMount.Cli.Mounting;
using FtpMount.Cli.Options;
using FtpMount.Cli.Service;
using FtpMount.Ftp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Service;

/// <summary>The service's OS-independent half: mount files, and supervision with a fake runner instead of Dokan.</summary>
public sealed class ServiceHostingTests : IDisposable
{
    private static readonly RestartBackoff Fast = new() { Initial = TimeSpan.FromMilliseconds(1), Maximum = TimeSpan.FromMilliseconds(20) };
    private static readonly TimeSpan SupervisorDeadline = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _temp = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _temp.Dispose();

    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void Service_config_files_become_requests_in_file_name_order_and_bad_ones_are_skipped()
    {
        _temp.File("b-nas.conf", "# NAS\nurl = ftp://alice@nas.example/share\nmountpoint = /mnt/nas\noptions = ro,network\n", Private);
        _temp.File("a-pub.conf", "url=ftp://pub.example/\r\nmountpoint=/mnt/pub\r\n", Private);
        _temp.File("c-bad.conf", "url = ftp://x/\nmountpoint = /mnt/x\npassword = hunter2\n", Private);
        _temp.File("d-badopt.conf", "url = ftp://x/\nmountpoint = /mnt/x\noptions = frobnicate\n", Private);
        _temp.File("ignored.txt", "url = ftp://y/\n", Private);

        var (mounts, errors) = MountConfigDirectory.Load(_temp.Path);

        Assert.Equal(["a-pub", "b-nas"], mounts.Select(m => m.Name));
        var nas = mounts[1].Request;
        Assert.Equal("nas.example", nas.Host);
        Assert.Equal("alice", nas.UserName);
        Assert.Equal("/share", nas.RemotePath);
        Assert.Equal("/mnt/nas", nas.MountPoint);
        Assert.True(nas.Options.ReadOnly);
        Assert.True(nas.Options.NetworkDrive);
        Assert.True(nas.Options.Foreground);
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Contains("c-bad", StringComparison.Ordinal) && e.Contains("\"password\"", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains("hunter2", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("d-badopt", StringComparison.Ordinal) && e.Contains("frobnicate", StringComparison.Ordinal));
    }

    [Fact]
    public void Service_config_without_url_or_mountpoint_is_rejected()
    {
        _temp.File("no-mountpoint.conf", "url = ftp://h/\n", Private);
        _temp.File("no-keys.conf", "just text\n", Private);

        var (mounts, errors) = MountConfigDirectory.Load(_temp.Path);

        Assert.Empty(mounts);
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Contains("no-mountpoint.conf: key \"mountpoint\" is missing", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("no-keys.conf:1: expected \"key = value\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Service_mount_file_reads_every_key_the_help_documents()
    {
        // The keys the "Config files" paragraph of --help shows, one "key = value" example line each.
        var documented = UsageText.Help.Split('\n')
            .SkipWhile(line => !line.StartsWith("Config files", StringComparison.Ordinal))
            .Skip(1)
            .TakeWhile(line => line.StartsWith("  ", StringComparison.Ordinal))
            .Select(line => line.Split('=')[0].Trim())
            .ToArray();
        Assert.Equal([MountConfigParser.UrlKey, MountConfigParser.MountPointKey, MountConfigParser.OptionsKey, MountConfigParser.PasswordFileKey], documented);

        var passwordFile = _temp.File("nas.pw", "s3cret\n", Private);
        _temp.File("nas.conf", $"url = ftp://alice@nas.example/share\nmountpoint = /mnt/nas\noptions = ro,network\npassword_file = {passwordFile}\n", Private);

        var (mounts, errors) = MountConfigDirectory.Load(_temp.Path);

        Assert.Empty(errors);
        var mount = Assert.Single(mounts);
        Assert.Equal("nas", mount.Name);
        Assert.Equal("nas.example", mount.Request.Host);
        Assert.Equal("alice", mount.Request.UserName);
        Assert.Equal("/share", mount.Request.RemotePath);
        Assert.Equal("/mnt/nas", mount.Request.MountPoint);
        Assert.True(mount.Request.Options.ReadOnly);
        Assert.True(mount.Request.Options.NetworkDrive);
        Assert.True(mount.Request.Options.Foreground);
        Assert.Equal(passwordFile, mount.Request.Options.PasswordFile);

        // What the supervisor does before every start: the password comes from that file, without a prompt.
        var credentials = MountServiceSetup.ResolveWithoutPrompt(mount);
        Assert.Equal("alice", credentials.UserName);
        Assert.Equal("s3cret", credentials.Password);
    }

    [Fact]
    public void Service_mount_file_errors_name_the_file_the_line_and_the_key()
    {
        _temp.File("typo.conf", "url = ftp://h/\nmountpoint = /mnt/h\nmount_point = /x\n", Private);

        var (_, errors) = MountConfigDirectory.Load(_temp.Path);

        var error = Assert.Single(errors);
        Assert.StartsWith(Path.Combine(_temp.Path, "typo.conf") + ":3: unknown key \"mount_point\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Service_missing_config_directory_is_reported()
    {
        var (mounts, errors) = MountConfigDirectory.Load(Path.Combine(_temp.Path, "nope"));
        Assert.Empty(mounts);
        Assert.Single(errors);
    }

    [Fact]
    public void Service_restart_backoff_doubles_up_to_the_maximum()
    {
        var backoff = new RestartBackoff { Initial = TimeSpan.FromSeconds(2), Maximum = TimeSpan.FromSeconds(30) };
        Assert.Equal(
            [2, 4, 8, 16, 30, 30],
            Enumerable.Range(1, 6).Select(n => backoff.DelayAfter(n).TotalSeconds));
    }

    [Fact]
    public async Task Service_supervisor_restarts_a_failing_mount_until_it_is_ready_and_stops_it_on_shutdown()
    {
        var runner = new FakeRunner(failures: 3);
        var supervisor = NewSupervisor(runner);
        await supervisor.StartAsync(Ct);
        await Poll.UntilOrFailAsync(() => runner.Serving, SupervisorDeadline, "no mount is served within 10 s");
        Assert.Equal(4, supervisor.Attempts);

        await supervisor.StopAsync(Ct);
        Assert.True(runner.StoppedCleanly);
        Assert.Equal(4, supervisor.Attempts);
    }

    [Fact]
    public async Task Service_supervisor_retries_when_credentials_cannot_be_resolved()
    {
        var runner = new FakeRunner(failures: 0);
        var calls = 0;
        var supervisor = NewSupervisor(runner, _ => Interlocked.Increment(ref calls) < 3
            ? throw new Cli.Credentials.CredentialException("no password")
            : new FtpCredentials("alice", "pw"));
        await supervisor.StartAsync(Ct);
        await Poll.UntilOrFailAsync(() => runner.Serving, SupervisorDeadline, "no mount is served within 10 s");
        Assert.Equal(3, supervisor.Attempts);
        await supervisor.StopAsync(Ct);
    }

    [Fact]
    public async Task Service_host_runs_one_supervisor_per_config_file()
    {
        _temp.File("one.conf", "url = ftp://one/\nmountpoint = /mnt/one\n", Private);
        _temp.File("two.conf", "url = ftp://two/\nmountpoint = /mnt/two\n", Private);
        var runner = new FakeRunner(failures: 0);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        MountServiceSetup.AddMountSupervisors(builder.Services, _temp.Path, runner, _ => FtpCredentials.Anonymous, Fast);
        using var host = builder.Build();
        await host.StartAsync(Ct);
        await Poll.UntilOrFailAsync(() => runner.ServingHosts.Length == 2, SupervisorDeadline, "the two mounts are not served within 10 s");
        Assert.Equal(["one", "two"], runner.ServingHosts.Order(StringComparer.Ordinal));
        await host.StopAsync(Ct);
        Assert.Empty(runner.ServingHosts);
    }

    private static MountSupervisor NewSupervisor(FakeRunner runner, Func<ConfiguredMount, FtpCredentials>? credentials = null)
    {
        var request = Assert.IsType<MountCommand>(MountOptionsParser.Parse(["ftp://h/", "/mnt/h", "-f"], "/")).Request;
        return new MountSupervisor(
            new ConfiguredMount("h", request), runner, credentials ?? (_ => FtpCredentials.Anonymous),
            NullLoggerFactory.Instance, Fast, TimeProvider.System);
    }

    /// <summary>Fails its first runs as a server that is down would; then serves until stopped.</summary>
    private sealed class FakeRunner(int failures) : IMountRunner
    {
        private readonly Lock _gate = new();
        private readonly HashSet<string> _serving = [];
        private int _runs;

        public bool Serving => ServingHosts.Length > 0;

        public bool StoppedCleanly { get; private set; }

        public string[] ServingHosts
        {
            get
            {
                lock (_gate)
                {
                    return _serving.ToArray();
                }
            }
        }

        public async Task<int> RunAsync(
            MountRequest request, FtpCredentials credentials, IMountReadiness readiness, ILoggerFactory loggers, CancellationToken stop)
        {
            if (Interlocked.Increment(ref _runs) <= failures)
            {
                throw new IOException("Connection refused");
            }

            readiness.ReportReady();
            lock (_gate)
            {
                _serving.Add(request.Host);
            }

            try
            {
                await Task.Delay(Timeout.Infinite, stop);
            }
            catch (OperationCanceledException)
            {
                StoppedCleanly = true;
            }
            finally
            {
                lock (_gate)
                {
                    _serving.Remove(request.Host);
                }
            }

            return 0;
        }
    }
}
