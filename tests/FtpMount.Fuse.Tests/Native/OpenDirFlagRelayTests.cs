using System.Runtime.InteropServices;
using System.Text;
using FtpMount.Fuse.Native;

namespace FtpMount.Fuse.Tests.Native;

/// <summary>
/// The relay writes into libfuse's private <c>struct fuse_session</c> only where a live session matches the layout
/// of its release: these build sessions as libfuse 3.10-3.12 and 3.13-3.15 lay them out (lib/fuse_i.h) and spoil
/// one fact at a time. That the offsets are libfuse's own is <c>SessionLayoutTests</c>'; that the relay works,
/// <c>KernelListingCacheMountTests</c>' on 3.10.5 and 3.14.
/// </summary>
public sealed unsafe class OpenDirFlagRelayTests
{
    private const string MountPoint = "/mnt/ftp ü";
    private const int Fd = 7;

    [Theory]
    [InlineData("3.10.5", 32)]
    [InlineData("3.12.0", 32)]
    [InlineData("3.13.0", 40)]
    [InlineData("3.14.0", 40)]
    [InlineData("3.15.1", 40)]
    [InlineData("3.16.1", null)]
    [InlineData("3.17.4", null)]
    [InlineData("3.18.2", null)]
    public void The_operations_table_is_sought_only_where_libfuse_drops_the_flags(string version, int? offset) =>
        Assert.Equal(offset, OpenDirFlagRelay.OperationsOffset(Version.Parse(version)));

    [Theory]
    [InlineData(32)]
    [InlineData(40)]
    public void A_session_laid_out_as_its_release_says_gives_its_opendir_slot(int operations)
    {
        using var session = new FakeSession(operations);

        Assert.Null(OpenDirFlagRelay.FindOpenDirSlot(session.Address, operations, MountPoint, Fd, out nint* slot));
        Assert.Equal(session.Address + operations + OpenDirFlagRelay.OpenDirSlotOffset, (nint)slot);
        Assert.Equal(FakeSession.OpenDir, *slot);
    }

    [Fact]
    public void Another_mount_point_is_refused()
    {
        using var session = new FakeSession(40);
        Assert.Contains("mount point", OpenDirFlagRelay.FindOpenDirSlot(session.Address, 40, "/mnt/ftp", Fd, out nint* slot));
        Assert.True(slot == null);
    }

    [Fact]
    public void Another_descriptor_is_refused()
    {
        using var session = new FakeSession(40);
        Assert.Contains("descriptor 8", OpenDirFlagRelay.FindOpenDirSlot(session.Address, 40, MountPoint, 8, out _));
    }

    [Fact]
    public void A_session_of_the_other_layout_is_refused_both_ways()
    {
        using var old = new FakeSession(32);
        Assert.Contains("custom I/O", OpenDirFlagRelay.FindOpenDirSlot(old.Address, 40, MountPoint, Fd, out _));

        using var customIo = new FakeSession(40);
        Assert.Contains("mount options", OpenDirFlagRelay.FindOpenDirSlot(customIo.Address, 32, MountPoint, Fd, out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void An_empty_directory_slot_is_refused(int emptied)
    {
        using var session = new FakeSession(40);
        ((nint*)(session.Address + 40 + OpenDirFlagRelay.OpenDirSlotOffset))[emptied] = 0;
        Assert.Contains("empty", OpenDirFlagRelay.FindOpenDirSlot(session.Address, 40, MountPoint, Fd, out _));
    }

    [Fact]
    public void Opendir_outside_the_relay_changes_nothing_but_its_own_answer()
    {
        var bits = FuseFileInfoBits.For(new Version(3, 14, 0));
        var answered = default(FuseFileInfo);
        answered.Set(bits.KeepCache, true);

        OpenDirFlagRelay.Forward(&answered, bits);

        Assert.True(answered.Has(bits.KeepCache));
        Assert.False(answered.Has(bits.CacheReaddir));
    }

    /// <summary>
    /// mountpoint, exited, fd, then either mo, debug, deny_others (3.10-3.12) or io, mo, debug, deny_others
    /// (3.13-3.15), then the operations table; opendir, readdir and releasedir are filled.
    /// </summary>
    private sealed class FakeSession : IDisposable
    {
        internal const nint OpenDir = 0x1234_5678;
        private readonly nint _mountPoint;

        internal FakeSession(int operations)
        {
            Address = (nint)NativeMemory.AllocZeroed(512);
            byte[] name = Encoding.UTF8.GetBytes(MountPoint + "\0");
            _mountPoint = (nint)NativeMemory.Alloc((nuint)name.Length);
            name.CopyTo(new Span<byte>((void*)_mountPoint, name.Length));
            byte* se = (byte*)Address;
            *(nint*)se = _mountPoint;
            *(int*)(se + 12) = Fd;
            *(nint*)(se + (operations == 40 ? 24 : 16)) = 0x5000; // struct mount_opts*
            var slots = (nint*)(se + operations + OpenDirFlagRelay.OpenDirSlotOffset);
            slots[0] = OpenDir;
            slots[1] = OpenDir + 16;
            slots[2] = OpenDir + 32;
        }

        internal nint Address { get; }

        public void Dispose()
        {
            NativeMemory.Free((void*)_mountPoint);
            NativeMemory.Free((void*)Address);
        }
    }
}
