namespace FtpMount.Fuse.Tests;

public sealed class FuseMountOptionsTests
{
    private static FuseMountOptions Valid => new() { MountPoint = Path.GetTempPath().TrimEnd('/') };

    [Fact]
    public void Defaults_are_valid() => Valid.Validate();

    [Theory]
    [InlineData("relative/dir")]
    [InlineData("")]
    [InlineData("/no/such/directory/anywhere")]
    public void Mount_point_must_be_an_existing_absolute_directory(string mountPoint)
    {
        var error = Assert.Throws<ArgumentException>(() => (Valid with { MountPoint = mountPoint }).Validate());
        Assert.Equal(nameof(FuseMountOptions.MountPoint), error.ParamName);
    }

    [Theory]
    [InlineData("ftp://alice:s3cret@example.org/")]
    [InlineData("alice:s3cret@example.org")]
    public void File_system_name_with_a_password_is_refused_without_echoing_it(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => (Valid with { FileSystemName = name }).Validate());
        Assert.Equal(nameof(FuseMountOptions.FileSystemName), error.ParamName);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://alice@example.org/")]
    [InlineData("ftp://example.org:2121/pub")]
    public void File_system_name_with_user_or_port_but_no_password_is_fine(string name) =>
        (Valid with { FileSystemName = name }).Validate();

    [Theory]
    [InlineData("a,b")]
    [InlineData("a\\b")]
    [InlineData("a b")]
    [InlineData("")]
    public void Option_values_that_would_split_or_escape_the_o_string_are_refused(string value)
    {
        Assert.Throws<ArgumentException>(() => (Valid with { Subtype = value }).Validate());
        Assert.Throws<ArgumentException>(() => (Valid with { ExtraOptions = [value] }).Validate());
    }

    [Fact]
    public void Extra_options_may_not_override_fsname_or_subtype() =>
        Assert.Throws<ArgumentException>(() => (Valid with { ExtraOptions = ["fsname=other"] }).Validate());

    [Fact]
    public void Negative_timeouts_and_thread_counts_out_of_range_are_refused()
    {
        Assert.Equal(nameof(FuseMountOptions.EntryTimeout), Assert.Throws<ArgumentException>(() => (Valid with { EntryTimeout = TimeSpan.FromSeconds(-1) }).Validate()).ParamName);
        Assert.Equal(nameof(FuseMountOptions.MaxThreads), Assert.Throws<ArgumentException>(() => (Valid with { MaxThreads = 0 }).Validate()).ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(65537)]
    public void Read_ahead_out_of_range_is_refused(int kib) =>
        Assert.Equal(nameof(FuseMountOptions.ReadAheadKib), Assert.Throws<ArgumentException>(() => (Valid with { ReadAheadKib = kib }).Validate()).ParamName);

    [Fact]
    public void Read_ahead_may_be_left_to_the_kernel() => (Valid with { ReadAheadKib = null }).Validate();

    [Fact]
    public void Arguments_carry_fsname_subtype_and_flags_in_one_o_string()
    {
        var options = Valid with { FileSystemName = "ftp://example.org/", AllowOther = true, ReadOnly = true, ExtraOptions = ["default_permissions"], Debug = true };

        Assert.Equal(
            ["ftpmount", "-o", "fsname=ftp://example.org/,subtype=ftpmount,allow_other,ro,default_permissions,nosuid,nodev", "-d"],
            FuseArguments.Build(options));
    }

    [Fact]
    public void Suid_and_dev_never_reach_the_kernel_and_every_mount_is_nosuid_nodev()
    {
        // What mount.fuse3 hands over for an fstab line: it appends "dev,suid" on its own.
        var options = Valid with { AllowOther = true, ExtraOptions = ["suid", "noatime", "dev"] };

        Assert.Equal(
            ["ftpmount", "-o", "fsname=ftpmount,subtype=ftpmount,allow_other,noatime,nosuid,nodev"],
            FuseArguments.Build(options));
    }
}
