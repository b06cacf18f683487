using FtpMount.Cli.Hosting;
using Microsoft.Extensions.Logging;

namespace FtpMount.Cli.Tests.Hosting;

/// <summary>log_file=: lines appended to a file only the user may read, bounded by one rotation.</summary>
public sealed class LogFileTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Lines_are_appended_with_time_level_category_and_exception_to_a_file_only_the_user_may_read()
    {
        var path = Path.Combine(_folder.Path, "mount.log");
        File.WriteAllText(path, "earlier run\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using (var loggers = LoggingSetup.Create(LogLevel.Debug, underSystemd: false, path))
        {
            var logger = loggers.CreateLogger("ftpmount.test");
            logger.Log(LogLevel.Warning, new EventId(1), "upload of /a.txt refused", new IOException("disk full"), (s, _) => s);
            logger.Log(LogLevel.Trace, new EventId(2), "below the level", null, (s, _) => s);
        }

        var lines = File.ReadAllLines(path);
        Assert.Equal("earlier run", lines[0]);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} warn ftpmount\.test: upload of /a\.txt refused$", lines[1]);
        Assert.Contains(lines, line => line.Contains("System.IO.IOException: disk full", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("below the level", StringComparison.Ordinal));
    }

    [Fact]
    public void A_new_file_is_created_for_the_user_alone()
    {
        var path = Path.Combine(_folder.Path, "new.log");
        using (var file = new LogFile(path))
        {
            file.CreateLogger("c").Log(LogLevel.Information, default, "x", null, (s, _) => s);
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Past_its_limit_the_file_becomes_the_one_older_copy_and_a_new_one_begins()
    {
        var path = Path.Combine(_folder.Path, "rotating.log");
        using (var file = new LogFile(path, maxBytes: 1000))
        {
            var logger = file.CreateLogger("c");
            for (var i = 0; i < 100; i++)
            {
                logger.Log(LogLevel.Information, default, $"line {i:000} " + new string('x', 40), null, (s, _) => s);
            }
        }

        Assert.True(new FileInfo(path).Length <= 1000);
        Assert.True(new FileInfo(path + ".1").Length <= 1000);
        Assert.False(File.Exists(path + ".2"));
        Assert.EndsWith("line 099 " + new string('x', 40), File.ReadAllLines(path)[^1], StringComparison.Ordinal);
        var older = File.ReadAllLines(path + ".1");
        var newer = File.ReadAllLines(path);
        Assert.Equal(int.Parse(older[^1].Split(' ')[5], System.Globalization.CultureInfo.InvariantCulture) + 1,
            int.Parse(newer[0].Split(' ')[5], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_file_that_cannot_be_opened_is_an_error_at_start_not_a_silent_loss()
    {
        var path = Path.Combine(_folder.Path, "no-such-folder", "mount.log");
        Assert.ThrowsAny<IOException>(() => LoggingSetup.Create(LogLevel.Information, underSystemd: false, path));
    }
}
