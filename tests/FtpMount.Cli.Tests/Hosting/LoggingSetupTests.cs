using FtpMount.Cli.Hosting;
using Microsoft.Extensions.Logging;

namespace FtpMount.Cli.Tests.Hosting;

public class LoggingSetupTests
{
    [Theory]
    [InlineData(null, null, false)]
    [InlineData("0123abcd", null, true)]
    [InlineData(null, "8:12345", true)]
    [InlineData("", "", false)]
    public void Systemd_is_recognised_by_its_variables(string? invocationId, string? journalStream, bool expected)
    {
        var environment = new Dictionary<string, string?> { ["INVOCATION_ID"] = invocationId, ["JOURNAL_STREAM"] = journalStream };
        Assert.Equal(expected, LoggingSetup.IsUnderSystemd(name => environment.GetValueOrDefault(name)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Factory_honours_the_level(bool underSystemd)
    {
        using var loggers = LoggingSetup.Create(LogLevel.Warning, underSystemd);
        var logger = loggers.CreateLogger("t");
        Assert.True(logger.IsEnabled(LogLevel.Warning));
        Assert.False(logger.IsEnabled(LogLevel.Information));
    }
}
