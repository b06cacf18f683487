using System.Reflection;
using FtpMount.Fuse.Native;

namespace FtpMount.Fuse.Tests.Native;

/// <summary>
/// Compiles layout.c against the machine's libfuse3 and glibc headers (libfuse3-dev) and compares every size, offset,
/// bit and constant it prints with the binding, as chosen for the machine's library by <see cref="FuseReleaseLoader"/>.
/// <see cref="ReleaseLayoutTests"/> runs the same checks for each vendored release.
/// </summary>
public sealed class NativeLayoutTests
{
    private static readonly Lazy<LayoutProgram> CLayout = new(() => LayoutProgram.CompileAndRun(pkgConfigDirectory: null));

    private static readonly Lazy<FuseRelease> MachineRelease = new(() => FuseReleaseLoader.Load(SystemLibraryLoader.Instance));

    public static TheoryData<string> MirroredStructs => new(LayoutChecks.Mirrors.Keys);

    [Theory]
    [MemberData(nameof(MirroredStructs))]
    public void Struct_size_and_every_field_offset_match_the_C_header(string cName) =>
        LayoutChecks.AssertMirror(CLayout.Value, cName);

    [Fact]
    public void The_machines_release_is_read_right_and_its_fuse_file_info_bits_are_where_gcc_puts_them() =>
        LayoutChecks.AssertRelease(CLayout.Value, MachineRelease.Value);

    [Fact]
    public void Errno_constants_match_errno_h()
    {
        LayoutProgram c = CLayout.Value;
        FieldInfo[] constants = typeof(Errno).GetFields(BindingFlags.Public | BindingFlags.Static);
        Assert.NotEmpty(constants);
        foreach (FieldInfo constant in constants)
        {
            string key = "errno." + constant.Name;
            Assert.True(c.Has(key), $"layout.c prints no {constant.Name}");
            Assert.True(c[key] == (int)constant.GetRawConstantValue()!, $"{constant.Name}: errno.h says {c[key]}, Errno has {constant.GetRawConstantValue()}");
        }
    }

    [Fact]
    public void Other_constants_match_the_C_headers()
    {
        LayoutProgram c = CLayout.Value;
        var ours = new Dictionary<string, long>
        {
            ["UTIME_NOW"] = Timespec.UTIME_NOW,
            ["UTIME_OMIT"] = Timespec.UTIME_OMIT,
            ["S_IFDIR"] = StatWriter.S_IFDIR,
            ["S_IFREG"] = StatWriter.S_IFREG,
            ["S_IFLNK"] = StatWriter.S_IFLNK,
            ["O_ACCMODE"] = FuseOpenInfo.AccessModeMask,
            ["O_WRONLY"] = FuseOpenInfo.WriteOnlyFlag,
            ["O_RDWR"] = FuseOpenInfo.ReadWriteFlag,
            ["O_TRUNC"] = FuseOpenInfo.TruncateFlag,
            ["O_APPEND"] = FuseOpenInfo.AppendFlag,
            ["RENAME_NOREPLACE"] = (long)FuseRenameOptions.NoReplace,
            ["RENAME_EXCHANGE"] = (long)FuseRenameOptions.Exchange,
        };
        foreach ((string name, long value) in ours)
        {
            Assert.True(c[$"const.{name}"] == value, $"{name}: C says {c[$"const.{name}"]}, we have {value}");
        }
    }
}
