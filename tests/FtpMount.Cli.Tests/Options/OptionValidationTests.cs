using FtpMount.Cli.Options;

namespace FtpMount.Cli.Tests.Options;

/// <summary>Every option that takes a value refuses a bad one with one sentence naming the option and the value.</summary>
public class OptionValidationTests
{
    private static readonly string[] TimeOptions =
        ["timeout", "connect_timeout", "daemon_timeout", "dir_cache_ttl", "attr_timeout", "negative_ttl", "writeback_delay"];

    // double.TryParse reads "NaN", "Infinity" and "∞" whatever the number style; these crashed the mount (exit 134).
    private static readonly string[] BadSeconds =
        ["nan", "NaN", "-nan", "inf", "Infinity", "-Infinity", "∞", "-1", "1e3", "0x10", "1;5", "0.0000001", "99999999999", "10s", " 5"];

    public static TheoryData<string, string> EveryTimeOptionWithEveryBadValue()
    {
        var data = new TheoryData<string, string>();
        foreach (var option in TimeOptions)
        {
            foreach (var value in BadSeconds)
            {
                data.Add(option, value);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryTimeOptionWithEveryBadValue))]
    public void A_bad_number_of_seconds_is_refused_naming_the_option_and_the_value(string option, string value)
    {
        var error = Assert.Throws<CommandLineException>(() => MountOptionsParser.Parse(["ftp://h/", "/m", "-o", $"{option}={value}"], "/"));
        Assert.Contains($"{option}={value}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("uid", "nan")]
    [InlineData("uid", "-1")]
    [InlineData("uid", "4294967295")]
    [InlineData("gid", "Infinity")]
    [InlineData("gid", "1e3")]
    [InlineData("umask", "nan")]
    [InlineData("umask", "0778")]
    [InlineData("umask", "-022")]
    [InlineData("max_connections", "nan")]
    [InlineData("max_connections", "-1")]
    [InlineData("max_connections", "1e2")]
    [InlineData("max_connections", "99999999999")]
    public void A_bad_whole_number_is_refused_naming_the_option_and_the_value(string option, string value)
    {
        var error = Assert.Throws<CommandLineException>(() => MountOptionsParser.Parse(["ftp://h/", "/m", "-o", $"{option}={value}"], "/"));
        Assert.Contains($"{option}={value}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("timeout=0.001")]
    [InlineData("dir_cache_ttl=0")]
    [InlineData("writeback_delay=0")]
    [InlineData("attr_timeout=2.5")]
    [InlineData("daemon_timeout=31536000")]
    public void Sensible_values_are_accepted(string option)
    {
        Assert.IsType<MountCommand>(MountOptionsParser.Parse(["ftp://h/", "/m", "-o", option], "/"));
    }
}
