using FtpMount.Cli.Mounting;

namespace FtpMount.Cli.Tests.Mounting;

public class ExternalCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public async Task Reports_exit_code_and_stderr()
    {
        var result = await ExternalCommand.RunAsync("sh", ["-c", "echo oops >&2; exit 3"], TimeSpan.FromSeconds(20), Ct);
        Assert.Equal((3, "oops"), result);
    }

    [Fact(Timeout = 30_000)]
    public async Task Missing_program_is_null() =>
        Assert.Null(await ExternalCommand.RunAsync("ftpmount-no-such-program", [], TimeSpan.FromSeconds(5), Ct));

    [Fact(Timeout = 30_000)]
    public async Task Program_past_its_deadline_is_killed()
    {
        var started = DateTime.UtcNow;
        var result = await ExternalCommand.RunAsync("sleep", ["20"], TimeSpan.FromMilliseconds(300), Ct);
        Assert.Equal(-1, result!.Value.ExitCode);
        Assert.Contains("did not finish", result.Value.Error, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }
}
