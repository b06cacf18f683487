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
}
