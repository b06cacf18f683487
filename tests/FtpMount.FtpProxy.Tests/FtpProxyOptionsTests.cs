using FtpMount.FtpProxy.Tests.Upstream;

namespace FtpMount.FtpProxy.Tests;

public class FtpProxyOptionsTests
{
    [Fact]
    public void Negative_delay_is_refused_naming_the_option()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new FtpProxyOptions { OneWayDelay = TimeSpan.FromMilliseconds(-1) }.Validate());
        Assert.Equal(nameof(FtpProxyOptions.OneWayDelay), error.ParamName);
    }

    [Fact]
    public void Zero_bandwidth_is_refused_naming_the_option()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new FtpProxyOptions { BandwidthBytesPerSecond = 0 }.Validate());
        Assert.Equal(nameof(FtpProxyOptions.BandwidthBytesPerSecond), error.ParamName);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_bad_runtime_change_is_refused_and_the_old_options_stay()
    {
        await using var echo = LoopbackServer.Echo();
        await using var proxy = FtpProxy.Start(echo.EndPoint, new FtpProxyOptions { OneWayDelay = TimeSpan.FromMilliseconds(5) });

        Assert.Throws<ArgumentOutOfRangeException>(() => proxy.BandwidthBytesPerSecond = -5);
        Assert.Throws<ArgumentOutOfRangeException>(() => proxy.Options = proxy.Options with { OneWayDelay = TimeSpan.FromHours(1) });

        Assert.Equal(new FtpProxyOptions { OneWayDelay = TimeSpan.FromMilliseconds(5) }, proxy.Options);
    }
}
