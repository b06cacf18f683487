using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace FtpMount.Cli.Hosting;

/// <summary>
/// Console logging: journald-friendly lines under systemd, short single lines otherwise; all on stderr. With
/// <c>log_file=</c>, also to that file.
/// </summary>
internal static class LoggingSetup
{
    /// <summary>True when systemd started us: it sets INVOCATION_ID for every unit and JOURNAL_STREAM when stderr is the journal.</summary>
    public static bool IsUnderSystemd(Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        return !string.IsNullOrEmpty(getEnvironmentVariable("INVOCATION_ID"))
            || !string.IsNullOrEmpty(getEnvironmentVariable("JOURNAL_STREAM"));
    }

    public static ILoggerFactory Create(LogLevel level, bool underSystemd, string? logFile = null) =>
        LoggerFactory.Create(builder =>
        {
            if (logFile is not null)
            {
                builder.AddProvider(new LogFile(logFile));
            }

            builder.SetMinimumLevel(level);
            if (underSystemd)
            {
                // "<6>category[id] message" lines: journald reads the priority prefix and adds its own timestamps.
                builder.AddSystemdConsole(options => options.TimestampFormat = null);
            }
            else
            {
                builder.AddSimpleConsole(options =>
                {
                    options.SingleLine = true;
                    options.TimestampFormat = "HH:mm:ss ";
                });
            }

            // stdout stays free: in a background process it carries the readiness line to the starter.
            builder.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        });
}
