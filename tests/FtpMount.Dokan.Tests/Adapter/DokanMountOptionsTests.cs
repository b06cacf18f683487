using FtpMount.Dokan.Native;

namespace FtpMount.Dokan.Tests.Adapter;

public sealed unsafe class DokanMountOptionsTests
{
    [Theory]
    [InlineData("Z", "Z:\\")]
    [InlineData("z:", "Z:\\")]
    [InlineData("Z:\\", "Z:\\")]
    [InlineData("C:\\mnt\\ftp", "C:\\mnt\\ftp")]
    public void Mount_points_are_drive_letters_or_folders(string mountPoint, string native)
    {
        var options = new DokanMountOptions { MountPoint = mountPoint }.Validate();
        Assert.Equal(native, options.NativeMountPoint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ZZ:")]
    [InlineData("/mnt/ftp")]
    [InlineData("relative\\folder")]
    [InlineData("1:")]
    public void Other_mount_points_are_refused_naming_the_option(string mountPoint)
    {
        var error = Assert.Throws<ArgumentException>(() => new DokanMountOptions { MountPoint = mountPoint }.Validate());
        Assert.Contains("MountPoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Network_mode_passes_the_unc_name_with_one_leading_backslash()
    {
        var options = new DokanMountOptions { MountPoint = "Z:", UncName = DokanMountOptions.UncNameFor("ftp.example.org") }.Validate();
        Assert.Equal(@"\\ftpmount\ftp.example.org", options.UncName);
        Assert.Equal(@"\ftpmount\ftp.example.org", options.NativeUncName);
        Assert.Equal(DokanOptionFlags.DOKAN_OPTION_NETWORK, options.NativeFlags() & DokanOptionFlags.DOKAN_OPTION_NETWORK);
    }

    [Theory]
    [InlineData("ftpmount")]
    [InlineData(@"\\ftpmount")]
    [InlineData(@"\\ftpmount\host\deeper")]
    public void Malformed_unc_names_are_refused(string unc) =>
        Assert.Throws<ArgumentException>(() => new DokanMountOptions { MountPoint = "Z:", UncName = unc }.Validate());

    [Fact]
    public void Network_mode_needs_a_drive_letter() =>
        Assert.Throws<ArgumentException>(() => new DokanMountOptions { MountPoint = "C:\\mnt\\ftp", UncName = @"\\ftpmount\h" }.Validate());

    [Fact]
    public void Flags_follow_the_options_and_never_ask_for_streams_case_sensitivity_or_user_mode_locks()
    {
        var plain = new DokanMountOptions { MountPoint = "Z:" };
        Assert.Equal(0u, plain.NativeFlags());

        var all = new DokanMountOptions { MountPoint = "Z:", ReadOnly = true, MountManager = true, CurrentSession = true, DebugOutput = true, UncName = @"\\ftpmount\h" };
        var flags = all.NativeFlags();
        Assert.Equal(
            DokanOptionFlags.DOKAN_OPTION_WRITE_PROTECT | DokanOptionFlags.DOKAN_OPTION_NETWORK | DokanOptionFlags.DOKAN_OPTION_MOUNT_MANAGER
            | DokanOptionFlags.DOKAN_OPTION_CURRENT_SESSION | DokanOptionFlags.DOKAN_OPTION_DEBUG | DokanOptionFlags.DOKAN_OPTION_STDERR,
            flags);
        Assert.Equal(0u, flags & (DokanOptionFlags.DOKAN_OPTION_ALT_STREAM | DokanOptionFlags.DOKAN_OPTION_CASE_SENSITIVE | DokanOptionFlags.DOKAN_OPTION_FILELOCK_USER_MODE));
    }

    [Fact]
    public void Native_options_carry_version_threads_timeout_sizes_and_context()
    {
        var options = new DokanMountOptions { MountPoint = "Z:", SingleThread = true, Timeout = TimeSpan.FromSeconds(90), ReadOnly = true }.Validate();
        var native = new DOKAN_OPTIONS();
        fixed (char* mountPoint = "Z:\\")
        {
            options.Fill(&native, mountPoint, null, 0x1234);
            Assert.Equal(200, native.Version);
            Assert.Equal(1, native.SingleThread);
            Assert.Equal(DokanOptionFlags.DOKAN_OPTION_WRITE_PROTECT, native.Options);
            Assert.Equal(0x1234ul, native.GlobalContext);
            Assert.True(native.MountPoint == mountPoint);
            Assert.True(native.UNCName == null);
            Assert.Equal(90_000u, native.Timeout);
            Assert.Equal(4096u, native.AllocationUnitSize);
            Assert.Equal(512u, native.SectorSize);
            Assert.Equal(0u, native.VolumeSecurityDescriptorLength);
        }
    }

    [Fact]
    public void Timeouts_and_sizes_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DokanMountOptions { MountPoint = "Z:", Timeout = TimeSpan.FromMilliseconds(10) }.Validate());
        Assert.Throws<ArgumentException>(() => new DokanMountOptions { MountPoint = "Z:", AllocationUnitSize = 1000 }.Validate());
    }

    [Fact]
    public void A_folder_as_long_as_the_driver_keeps_whole_is_accepted_and_one_more_character_refused()
    {
        var longest = @"C:\" + new string('d', DokanLimits.MaxFolderMountPointLength - 3);
        Assert.Equal(243, longest.Length);
        new DokanMountOptions { MountPoint = longest }.Validate();

        var error = Assert.Throws<ArgumentException>(() => new DokanMountOptions { MountPoint = longest + "x" }.Validate());
        Assert.Contains("DokanMountOptions.MountPoint has 244 characters; Dokan takes a folder of at most 243", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_unc_name_longer_than_UNCName_holds_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new DokanMountOptions { MountPoint = "Z:", UncName = @"\\ftpmount\" + new string('h', 54) }.Validate());
        Assert.Contains("is too long: Dokan takes at most 63 characters", error.Message, StringComparison.Ordinal);
        new DokanMountOptions { MountPoint = "Z:", UncName = @"\\ftpmount\" + new string('h', 53) }.Validate();
    }

    [Theory]
    [InlineData("ftp.example.org", @"\\ftpmount\ftp.example.org")]
    [InlineData("fe80::1%eth0", @"\\ftpmount\fe80__1%eth0")]
    [InlineData("[::1]", @"\\ftpmount\___1_")]
    [InlineData("", @"\\ftpmount\ftp")]
    public void Unc_names_keep_the_host_and_replace_what_a_share_name_cannot_hold(string host, string unc) =>
        Assert.Equal(unc, DokanMountOptions.UncNameFor(host));

    [Fact]
    public void A_host_that_fits_keeps_its_name_and_a_longer_one_is_cut_with_a_hash_of_the_whole_name()
    {
        var fits = new string('a', 53);
        Assert.Equal(@"\\ftpmount\" + fits, DokanMountOptions.UncNameFor(fits));

        var first = new string('a', 50) + ".one.example.org";
        var second = new string('a', 50) + ".two.example.org";
        var a = DokanMountOptions.UncNameFor(first);
        var b = DokanMountOptions.UncNameFor(second);
        Assert.NotEqual(a, b);
        Assert.Matches(@"^\\\\ftpmount\\a{44}-[0-9a-f]{8}$", a);
        Assert.Equal(a, DokanMountOptions.UncNameFor(first.ToUpperInvariant()).ToLowerInvariant());
    }

    [Theory]
    [InlineData(54)]
    [InlineData(63)]
    [InlineData(253)]
    public void Every_host_name_gets_a_unc_name_that_validates(int length)
    {
        var options = new DokanMountOptions { MountPoint = "Z:", UncName = DokanMountOptions.UncNameFor(new string('h', length - 12) + ".example.org") }.Validate();
        Assert.Equal(DokanLimits.MaxUncNameLength, options.NativeUncName!.Length);
    }

    [Fact]
    public void Mount_manager_with_a_network_drive_is_refused_as_dokany_refuses_it()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new DokanMountOptions { MountPoint = "Z:", UncName = @"\\ftpmount\h", MountManager = true }.Validate());
        Assert.Contains("MountManager cannot be combined with a network drive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mount_manager_with_current_session_is_refused_as_dokany_refuses_it()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new DokanMountOptions { MountPoint = "Z:", MountManager = true, CurrentSession = true }.Validate());
        Assert.Contains("the mount manager always mounts for all user sessions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mount_manager_and_current_session_each_alone_are_accepted()
    {
        new DokanMountOptions { MountPoint = "Z:", MountManager = true }.Validate();
        new DokanMountOptions { MountPoint = "Z:", CurrentSession = true, UncName = @"\\ftpmount\h" }.Validate();
    }
}
