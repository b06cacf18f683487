using System.Net.Sockets;
using System.Text;
using FtpMount.Cli.Daemon;

namespace FtpMount.Cli.Tests.Daemon;

public class ReadinessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Pipe_readiness_sends_one_line_and_only_the_first_report()
    {
        using var pipe = new MemoryStream();
        var readiness = new PipeReadiness(pipe);
        readiness.ReportFailure("Cannot reach h:21:\nconnection refused.");
        readiness.ReportReady();
        Assert.True(readiness.HasReported);
        var text = Encoding.UTF8.GetString(pipe.ToArray());
        Assert.Equal("ERROR Cannot reach h:21: connection refused.\n", text);
        Assert.True(ReadinessMessage.TryParse(text.TrimEnd('\n'), out var ready, out var sentence));
        Assert.False(ready);
        Assert.Equal("Cannot reach h:21: connection refused.", sentence);
    }

    [Fact]
    public void Ready_line_parses_and_other_lines_are_not_protocol()
    {
        Assert.True(ReadinessMessage.TryParse("READY", out var ready, out _));
        Assert.True(ready);
        Assert.False(ReadinessMessage.TryParse("info: something", out _, out _));
    }

    [Fact]
    public void Foreground_failure_goes_to_stderr_once()
    {
        using var error = new StringWriter();
        var readiness = new ForegroundReadiness(new SystemdNotifier(null), error);
        readiness.ReportFailure("Bad.");
        readiness.ReportFailure("Worse.");
        Assert.Equal("ftpmount: Bad." + Environment.NewLine, error.ToString());
    }

    [Fact(Timeout = 10_000)]
    public async Task Foreground_ready_notifies_systemd_through_its_socket()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "notify");
        using var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        systemd.Bind(new UnixDomainSocketEndPoint(path));

        new ForegroundReadiness(new SystemdNotifier(path), TextWriter.Null).ReportReady();

        var buffer = new byte[256];
        var received = await systemd.ReceiveAsync(buffer, SocketFlags.None, Ct);
        Assert.Equal("READY=1", Encoding.UTF8.GetString(buffer, 0, received));
    }

    [Fact(Timeout = 10_000)]
    public async Task Abstract_socket_names_start_with_at()
    {
        var name = "ftpmount-test-" + Guid.NewGuid().ToString("N");
        using var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        systemd.Bind(new UnixDomainSocketEndPoint("\0" + name));

        Assert.True(new SystemdNotifier("@" + name).TryNotify("READY=1"));

        var buffer = new byte[256];
        var received = await systemd.ReceiveAsync(buffer, SocketFlags.None, Ct);
        Assert.Equal("READY=1", Encoding.UTF8.GetString(buffer, 0, received));
    }

    [Fact]
    public void Notifier_without_socket_or_with_a_dead_one_does_nothing()
    {
        Assert.False(new SystemdNotifier(null).TryNotify("READY=1"));
        Assert.False(new SystemdNotifier("/nonexistent/notify").TryNotify("READY=1"));
    }
}
