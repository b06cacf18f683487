using FtpMount.Cli.Options;

namespace FtpMount.Cli.Tests.Options;

/// <summary><c>cache=</c>, <c>cache_dir=</c>, <c>cache_max_size=</c>, <c>cache_max_age=</c>: parsed once, errors naming option and value.</summary>
public class ReadCacheOptionTests
{
    private static MountRequest Mount(params string[] args) =>
        Assert.IsType<MountCommand>(MountOptionsParser.Parse(args, "/work")).Request;

    [Fact(Timeout = 10_000)]
    public void The_read_cache_is_off_unless_cache_full_is_given()
    {
        Assert.False(Mount("ftp://h/", "/m").Options.ReadCache.Enabled);
        Assert.False(Mount("ftp://h/", "/m", "-o", "cache=off").Options.ReadCache.Enabled);
        Assert.False(Mount("ftp://h/", "/m", "-o", "cache=full,cache=off").Options.ReadCache.Enabled);
        Assert.True(Mount("ftp://h/", "/m", "-o", "cache=full").Options.ReadCache.Enabled);
    }

    [Fact(Timeout = 10_000)]
    public void Folder_size_and_age_are_read_in_their_units()
    {
        var cache = Mount("ftp://h/", "/m", "-o", "cache=full,cache_dir=c,cache_max_size=20G,cache_max_age=12h").Options.ReadCache;

        Assert.Equal("/work/c", cache.Directory);
        Assert.Equal(20L << 30, cache.MaxBytes);
        Assert.Equal(TimeSpan.FromHours(12), cache.MaxAge);
        Assert.Equal(512L << 20, Mount("ftp://h/", "/m", "-o", "cache_max_size=524288").Options.ReadCache.MaxBytes);
        Assert.Equal(TimeSpan.FromDays(7), Mount("ftp://h/", "/m", "-o", "cache_max_age=7d").Options.ReadCache.MaxAge);
        Assert.Equal(TimeSpan.FromSeconds(90), Mount("ftp://h/", "/m", "-o", "cache_max_age=90").Options.ReadCache.MaxAge);
    }

    [Theory(Timeout = 10_000)]
    [InlineData("cache=on")]
    [InlineData("cache=")]
    [InlineData("cache_max_size=10x")]
    [InlineData("cache_max_size=100k")]
    [InlineData("cache_max_age=0")]
    [InlineData("cache_max_age=5w")]
    [InlineData("cache_max_age=NaN")]
    public void A_bad_value_is_refused_naming_the_option_and_value(string option)
    {
        var error = Assert.Throws<CommandLineException>(() => MountOptionsParser.Parse(["ftp://h/", "/m", "-o", option], "/"));
        Assert.Contains(option.TrimEnd('='), error.Message, StringComparison.Ordinal);
    }
}
