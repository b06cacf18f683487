using System.Runtime.InteropServices;
using FtpMount.Fuse.Native;

namespace FtpMount.Fuse.Tests.Native;

/// <summary>
/// The arm64 <c>struct stat</c> cannot be measured on an x86-64 machine, so its offsets are written down from
/// the headers: glibc 2.36 sysdeps/unix/sysv/linux/generic/bits/struct_stat.h (Debian installs it as
/// /usr/aarch64-linux-gnu/include/bits/struct_stat.h with libc6-dev-arm64-cross), the <c>__USE_FILE_OFFSET64</c>
/// / 64-bit branch, which mirrors the kernel's include/uapi/asm-generic/stat.h. Cross-checked once with
/// aarch64-linux-gnu-gcc 12 (offsetof compiled to constants) when this test was written.
/// </summary>
public sealed class StatArm64LayoutTests
{
    [Theory]
    [InlineData(nameof(StatArm64.st_dev), 0)]
    [InlineData(nameof(StatArm64.st_ino), 8)]
    [InlineData(nameof(StatArm64.st_mode), 16)]
    [InlineData(nameof(StatArm64.st_nlink), 20)]
    [InlineData(nameof(StatArm64.st_uid), 24)]
    [InlineData(nameof(StatArm64.st_gid), 28)]
    [InlineData(nameof(StatArm64.st_rdev), 32)]
    [InlineData(nameof(StatArm64.__pad1), 40)]
    [InlineData(nameof(StatArm64.st_size), 48)]
    [InlineData(nameof(StatArm64.st_blksize), 56)]
    [InlineData(nameof(StatArm64.__pad2), 60)]
    [InlineData(nameof(StatArm64.st_blocks), 64)]
    [InlineData(nameof(StatArm64.st_atim), 72)]
    [InlineData(nameof(StatArm64.st_mtim), 88)]
    [InlineData(nameof(StatArm64.st_ctim), 104)]
    [InlineData(nameof(StatArm64.__glibc_reserved), 120)]
    public void Field_sits_at_the_asm_generic_offset(string field, int offset) =>
        Assert.Equal(offset, (int)Marshal.OffsetOf<StatArm64>(field));

    [Fact]
    public void Struct_is_128_bytes_with_32_bit_mode_nlink_and_blksize()
    {
        Assert.Equal(128, Marshal.SizeOf<StatArm64>());
        Assert.Equal(typeof(uint), typeof(StatArm64).GetField(nameof(StatArm64.st_mode), System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.FieldType);
        Assert.Equal(typeof(uint), typeof(StatArm64).GetField(nameof(StatArm64.st_nlink), System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.FieldType);
        Assert.Equal(typeof(int), typeof(StatArm64).GetField(nameof(StatArm64.st_blksize), System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.FieldType);
    }

    [Fact]
    public void Statvfs_and_the_fuse_structs_need_no_arm64_variant()
    {
        // LP64 on both: the same C types give the same layout, which the aarch64 cross-compiler confirmed
        // (statvfs 112, fuse_operations 336, fuse_file_info 40, fuse_context 40, fuse_args 24 with libfuse 3.14).
        // FuseConfig, FuseConnInfo and FuseLoopConfigV1 mirror prefixes of int, unsigned, uint64_t and double fields
        // only, whose sizes and alignments LP64 fixes (FuseConnInfo reaches 3.17's want_ext, 64 bytes).
        Assert.Equal(112, Marshal.SizeOf<StatVfs>());
        Assert.Equal(336, Marshal.SizeOf<FuseOperations>());
        Assert.Equal(40, Marshal.SizeOf<FuseFileInfo>());
        Assert.Equal(88, Marshal.SizeOf<FuseConfig>());
        Assert.Equal(64, Marshal.SizeOf<FuseConnInfo>());
        Assert.Equal(8, Marshal.SizeOf<FuseLoopConfigV1>());
        Assert.Equal(40, Marshal.SizeOf<FuseContext>());
        Assert.Equal(24, Marshal.SizeOf<FuseArgs>());
    }

    [Fact]
    public unsafe void StatWriter_writes_the_asm_generic_layout_for_arm64_whatever_machine_runs_the_test()
    {
        var attributes = new FuseAttributes
        {
            Kind = FuseNodeKind.RegularFile,
            Permissions = (UnixFileMode)0b110_100_100,
            Size = 5000,
            ModificationTime = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
        };
        byte* stat = stackalloc byte[StatWriter.MaxSize];
        new Span<byte>(stat, StatWriter.MaxSize).Fill(0xEE);

        StatWriter.Write(stat, attributes, Architecture.Arm64);

        var bytes = new ReadOnlySpan<byte>(stat, StatWriter.MaxSize);
        Assert.Equal(0x8000u | 0x1A4u, BitConverter.ToUInt32(bytes[16..]));    // st_mode: S_IFREG | 0644
        Assert.Equal(1u, BitConverter.ToUInt32(bytes[20..]));                  // st_nlink
        Assert.Equal(5000L, BitConverter.ToInt64(bytes[48..]));                // st_size
        Assert.Equal(4096, BitConverter.ToInt32(bytes[56..]));                 // st_blksize, 32-bit
        Assert.Equal(10L, BitConverter.ToInt64(bytes[64..]));                  // st_blocks of 512 bytes
        Assert.Equal(1_700_000_000L, BitConverter.ToInt64(bytes[88..]));       // st_mtim.tv_sec
        Assert.True(bytes[..128].ToArray().All(b => b != 0xEE), "the 128-byte arm64 stat was not cleared whole");
        Assert.True(bytes[128..].ToArray().All(b => b == 0xEE), "StatWriter wrote past the 128-byte arm64 stat");
    }
}
