using FtpMount.Cli.Mounting;
using FtpMount.Cli.Options;
using FtpMount.Dokan;
using FtpMount.Dokan.Adapter;

namespace FtpMount.Cli.Tests.Windows;

/// <summary>What the Windows host makes of a command line; the Dokan side itself runs only on Windows.</summary>
public class WindowsMountOptionsTests
{
    private static MountRequest Request(params string[] args) =>
        Assert.IsType<MountCommand>(MountOptionsParser.Parse(args, "/")).Request;

    [Theory]
    [InlineData("Z", true)]
    [InlineData("z:", true)]
    [InlineData("Z:\\", true)]
    [InlineData("Z:/", true)]
    [InlineData("ZZ", false)]
    [InlineData("1:", false)]
    [InlineData("C:\\mnt\\ftp", false)]
    [InlineData("/mnt/ftp", false)]
    public void Drive_letter_spellings_are_recognised(string mountPoint, bool isDrive)
    {
        Assert.Equal(isDrive, WindowsMountPoint.IsDriveLetter(mountPoint));
        if (isDrive)
        {
            Assert.Equal("Z:", WindowsMountPoint.NormalizeDriveLetter(mountPoint));
        }
    }

    [Fact]
    public void Network_option_makes_a_network_drive_named_after_the_host()
    {
        var request = Request("ftp://alice@nas.example/", "/m", "-o", "network,ro") with { MountPoint = "Z:" };
        Assert.True(request.Options.NetworkDrive);
        var options = DokanRequestOptions.For(request);
        Assert.Equal(@"\\ftpmount\nas.example", options.UncName);
        Assert.True(options.ReadOnly);
        Assert.Equal("Z:", options.MountPoint);
    }

    [Fact]
    public void Without_network_option_the_volume_is_a_local_disk()
    {
        var request = Request("ftp://nas.example/", "/m") with { MountPoint = @"C:\mnt\ftp" };
        Assert.False(request.Options.NetworkDrive);
        Assert.Null(DokanRequestOptions.For(request).UncName);
    }

    [Fact]
    public void Network_option_on_a_folder_is_refused_by_the_checker()
    {
        var checker = new WindowsMountpointChecker(_ => false);
        var error = Assert.Throws<MountpointException>(() => checker.Check(@"C:\mnt\ftp", networkDrive: true));
        Assert.Contains("drive letter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Drive_letter_in_use_is_refused()
    {
        var checker = new WindowsMountpointChecker(letter => letter == 'Z');
        Assert.Contains("Z: is already in use", Assert.Throws<MountpointException>(() => checker.Check("z:", false)).Message, StringComparison.Ordinal);
        checker.Check("Y:", networkDrive: true);
    }

    [Fact]
    public void Folder_must_exist_and_be_empty()
    {
        using var temp = new TempDirectory();
        var checker = new WindowsMountpointChecker(_ => false);
        checker.Check(temp.Path, networkDrive: false);
        temp.File("x", "x", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Contains("not empty", Assert.Throws<MountpointException>(() => checker.Check(temp.Path, false)).Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", Assert.Throws<MountpointException>(
            () => checker.Check(Path.Combine(temp.Path, "missing"), false)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Service_and_credential_subcommands_parse()
    {
        Assert.Equal(new ServiceCommand(null), MountOptionsParser.Parse(["service"], "/"));
        Assert.Equal(new ServiceCommand("/etc/m"), MountOptionsParser.Parse(["service", "--config-dir", "m"], "/etc"));
        Assert.Equal(new CredentialSetCommand("alice@h", null), MountOptionsParser.Parse(["credential", "set", "alice@h"], "/"));
        Assert.Equal(new CredentialSetCommand("h", "bob"), MountOptionsParser.Parse(["credential", "set", "h", "--user", "bob"], "/"));
        // No way to pass the password itself as an argument.
        Assert.Throws<CommandLineException>(() => MountOptionsParser.Parse(["credential", "set", "alice@h", "s3cret"], "/"));
    }

    [Fact]
    public void The_adapter_deadline_ends_before_the_Dokan_driver_deadline()
    {
        var request = Request("ftp://nas.example/", "/m") with { MountPoint = "Z:" };
        var mount = DokanRequestOptions.For(request);
        var adapter = DokanRequestOptions.AdapterFor(request, mount);

        Assert.Equal(mount.Timeout, adapter.DriverTimeout);
        Assert.True(adapter.RequestTimeout <= RemoteDokanOptions.LongestRequestFor(mount.Timeout));
        Assert.InRange(mount.Timeout, DokanMountOptions.MinimumTimeout, DokanMountOptions.MaximumTimeout);
        Assert.Equal("nas.example", adapter.HostName);
    }

    [Fact]
    public void Network_drive_for_a_long_host_gets_a_UNC_name_Dokan_can_hold()
    {
        var host = new string('n', 40) + "." + new string('m', 30) + ".example.org";
        var request = Request($"ftp://{host}/", "/m", "-o", "network") with { MountPoint = "Z:" };

        var options = DokanRequestOptions.For(request);

        // \\ftpmount\SHARE as the user sees it; Dokan takes \ftpmount\SHARE into UNCName[64] with its NUL.
        Assert.Equal(64, options.UncName!.Length);
        Assert.StartsWith(@"\\ftpmount\nnnn", options.UncName, StringComparison.Ordinal);
    }

    [Fact]
    public void Folder_too_long_for_Dokan_is_refused_by_the_checker()
    {
        var checker = new WindowsMountpointChecker(_ => false);
        var folder = @"C:\" + new string('d', 241);
        var error = Assert.Throws<MountpointException>(() => checker.Check(folder, networkDrive: false));
        Assert.Equal($"Mount point {folder} has 244 characters; Dokan mounts on a folder of at most 243. Pick a shorter path.", error.Message);
    }
}
