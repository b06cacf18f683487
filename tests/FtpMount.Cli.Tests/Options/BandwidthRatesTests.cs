using FtpMount.Cli.Options;

namespace FtpMount.Cli.Tests.Options;

public class BandwidthRatesTests
{
    [Theory]
    [InlineData("10M", 10L << 20, 10L << 20)]
    [InlineData("512k", 512L << 10, 512L << 10)]
    [InlineData("512K", 512L << 10, 512L << 10)]
    [InlineData("1.5G", 3L << 29, 3L << 29)]
    [InlineData("2048B", 2048L, 2048L)]
    [InlineData("100", 100L << 10, 100L << 10)]
    [InlineData("4M:512k", 4L << 20, 512L << 10)]
    public void A_rate_limits_downloads_and_uploads_unless_an_upload_rate_follows(string text, long down, long up)
    {
        var rates = BandwidthRates.Parse("bwlimit", text);
        Assert.Equal(down, rates.DownloadBytesPerSecond);
        Assert.Equal(up, rates.UploadBytesPerSecond);
    }

    [Theory]
    [InlineData("off", null, null)]
    [InlineData("off:1M", null, 1L << 20)]
    [InlineData("2M:off", 2L << 20, null)]
    [InlineData("0:0", null, null)]
    public void Off_leaves_a_direction_unlimited(string text, long? down, long? up)
    {
        var rates = BandwidthRates.Parse("bwlimit", text);
        Assert.Equal(down, rates.DownloadBytesPerSecond);
        Assert.Equal(up, rates.UploadBytesPerSecond);
    }

    [Theory]
    [InlineData("")]
    [InlineData("M")]
    [InlineData("10X")]
    [InlineData("-1M")]
    [InlineData("1:2:3")]
    [InlineData("1M:")]
    [InlineData(":1M")]
    [InlineData("NaNM")]
    [InlineData("1e3k")]
    [InlineData("1.2.3M")]
    public void Anything_else_is_refused_naming_the_option_and_the_form(string text)
    {
        var e = Assert.Throws<CommandLineException>(() => BandwidthRates.Parse("bwlimit", text));
        Assert.Contains("bwlimit=" + text, e.Message, StringComparison.Ordinal);
        Assert.Contains("RATE[:UPRATE]", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("512B")]
    [InlineData("0.5")]
    [InlineData("99999999999G")]
    public void Rates_below_a_KiB_or_above_a_TiB_per_second_are_refused(string text)
    {
        var e = Assert.Throws<CommandLineException>(() => BandwidthRates.Parse("bwlimit", text));
        Assert.Contains("between 1k and 1024G", e.Message, StringComparison.Ordinal);
    }
}
