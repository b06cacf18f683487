using FtpMount.Core.Bridging;
using FtpMount.Dokan.Adapter;

namespace FtpMount.Dokan.Tests.Adapter;

public sealed class RemoteDokanOptionsTests
{
    [Theory]
    [InlineData("ftp.example.org", "ftp.example.org")]
    [InlineData("a-very-long-host-name.of.some.provider.example", "a-very-long-host-name.of.some.pr")]
    [InlineData("[::1]", "[__1]")]
    [InlineData("", "FTP")]
    public void The_volume_label_is_the_host_cut_to_32_characters_without_forbidden_ones(string host, string label) =>
        Assert.Equal(label, RemoteDokanOptions.LabelFor(host));

    [Fact]
    public void The_serial_number_is_stable_per_host_whatever_the_case()
    {
        var a = new RemoteDokanOptions { HostName = "FTP.example.org" };
        var b = new RemoteDokanOptions { HostName = "ftp.example.org" };
        var c = new RemoteDokanOptions { HostName = "ftp.example.net" };
        Assert.Equal(a.VolumeSerialNumber, b.VolumeSerialNumber);
        Assert.NotEqual(a.VolumeSerialNumber, c.VolumeSerialNumber);
    }

    [Fact]
    public void The_file_system_name_fits_dokans_ten_characters() =>
        Assert.Throws<ArgumentException>(() => new RemoteDokanOptions { HostName = "h", FileSystemName = "FtpMountFS2000" }.Validate());

    [Fact]
    public void By_default_a_request_ends_with_its_grace_and_margin_before_the_driver_gives_up_on_it()
    {
        var options = new RemoteDokanOptions { HostName = "h" }.Validate();
        Assert.Equal(DokanMountOptions.DefaultTimeout, options.DriverTimeout);
        Assert.True(options.RequestTimeout + BlockingCall.Grace + RemoteDokanOptions.AnswerMargin <= options.DriverTimeout);
    }

    [Fact]
    public void A_request_deadline_the_driver_would_cut_short_is_refused_naming_both()
    {
        var options = new RemoteDokanOptions { HostName = "h", RequestTimeout = TimeSpan.FromMinutes(2), DriverTimeout = TimeSpan.FromMinutes(1) };
        var error = Assert.Throws<ArgumentException>(() => options.Validate());
        Assert.Contains("RemoteDokanOptions.RequestTimeout (00:02:00) must end before the Dokan driver's deadline (00:01:00): at most 00:00:50", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Even_the_shortest_driver_deadline_leaves_room_for_a_request()
    {
        var longest = RemoteDokanOptions.LongestRequestFor(DokanMountOptions.MinimumTimeout);
        Assert.True(longest > TimeSpan.Zero);
        new RemoteDokanOptions { HostName = "h", RequestTimeout = longest, DriverTimeout = DokanMountOptions.MinimumTimeout }.Validate();
    }
}
