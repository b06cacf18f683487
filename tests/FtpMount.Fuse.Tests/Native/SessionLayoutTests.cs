using FtpMount.Fuse.Native;
using FtpMount.Testing.Libfuse;
using FtpMount.Testing.Processes;

namespace FtpMount.Fuse.Tests.Native;

/// <summary>
/// What <see cref="OpenDirFlagRelay"/> reads and writes in libfuse's private <c>struct fuse_session</c>, compiled
/// against lib/fuse_i.h from each release's own source archive: 3.10.5 for 3.10 to 3.12, and 3.16.2 for 3.13 to 3.15,
/// whose struct is the same (3.13 added <c>io</c> after <c>fd</c>; nothing moved from then to 3.16.2).
/// </summary>
[Trait("Category", "Integration")]
public sealed class SessionLayoutTests
{
    private static readonly TimeSpan TarTimeout = TimeSpan.FromSeconds(60);

    [Theory(Timeout = 900_000)]
    [InlineData("3.10.5")]
    [InlineData("3.16.2")]
    public async Task The_relay_finds_the_mount_point_descriptor_and_opendir_where_the_release_keeps_them(string version)
    {
        LibfuseBuild build = await VendoredLibfuse.GetAsync(version);
        string headers = Directory.CreateTempSubdirectory("ftpmount-fuse-i-").FullName;
        try
        {
            string archive = Path.Combine(VendoredLibfuse.SourceDirectory, $"fuse-{version}.tar.gz");
            var tar = DeadlineProcess.Run(
                DeadlineProcess.StartInfo("tar", ["-xzf", archive, "-C", headers, "--strip-components=2", $"fuse-{version}/lib/fuse_i.h"]),
                TarTimeout);
            Assert.True(tar.ExitCode == 0, $"tar could not take lib/fuse_i.h from {archive}:\n{tar.Error}");

            LayoutProgram c = LayoutProgram.CompileAndRun(build.PkgConfigDirectory, "session_layout.c", headers);

            var release = Version.Parse(version);
            bool customIo = release >= new Version(3, 13);
            Assert.Equal(customIo, c.Has("fuse_session.io"));
            Assert.Equal(OpenDirFlagRelay.MountPointOffset, c["fuse_session.mountpoint"]);
            Assert.Equal(OpenDirFlagRelay.FdOffset, c["fuse_session.fd"]);
            Assert.Equal(customIo ? OpenDirFlagRelay.SecondPointerAfterFd : OpenDirFlagRelay.PointerAfterFd, c["fuse_session.mo"]);
            if (customIo)
            {
                Assert.Equal(OpenDirFlagRelay.PointerAfterFd, c["fuse_session.io"]);
            }

            Assert.Equal(OpenDirFlagRelay.SessionOperationsOffset(release), c["fuse_session.op"]);
            Assert.Equal(OpenDirFlagRelay.OpenDirSlotOffset, c["fuse_lowlevel_ops.opendir"]);
            Assert.Equal(OpenDirFlagRelay.OpenDirSlotOffset + 8, c["fuse_lowlevel_ops.readdir"]);
            Assert.Equal(OpenDirFlagRelay.OpenDirSlotOffset + 16, c["fuse_lowlevel_ops.releasedir"]);
        }
        finally
        {
            Directory.Delete(headers, recursive: true);
        }
    }
}
