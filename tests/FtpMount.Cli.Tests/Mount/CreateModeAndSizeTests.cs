using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>
/// Modes and sizes asked for (issue 13.4): open(O_CREAT, mode) and mkdir(mode) get that mode with the caller's umask
/// applied, as chmod would set it; a truncate beyond what the spool's file system holds is EFBIG and changes nothing.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CreateModeAndSizeTests
{
    /// <summary>Issue 13's size: past ext4's 16 TiB limit for a file (4 KiB blocks), where the test spool lives.</summary>
    private const long Huge = 999_999_999_999_999;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task Open_o_creat_and_mkdir_apply_the_mode_asked_for_with_the_umask(FtpServerKind kind)
    {
        await using var mount = await MountedServer.StartAsync(kind);
        var shown = await ExternalProgram.PythonAsync(
            """
            import os, sys
            def path(name): return os.path.join(sys.argv[1], name)
            def mode(name): return oct(os.stat(path(name)).st_mode & 0o7777)
            os.umask(0o002)
            fd = os.open(path("created.txt"), os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o620)
            os.write(fd, b"mode 0620\n")
            print("open", oct(os.fstat(fd).st_mode & 0o7777))
            os.close(fd)
            open(path("chmodded.txt"), "w").close()
            os.chmod(path("chmodded.txt"), 0o620)
            os.close(os.open(path("readable.txt"), os.O_CREAT | os.O_WRONLY, 0o640))
            os.umask(0o077)
            os.close(os.open(path("masked.txt"), os.O_CREAT | os.O_WRONLY, 0o666))
            os.umask(0o002)
            os.mkdir(path("folder"), 0o750)
            for name in ("created.txt", "chmodded.txt", "readable.txt", "masked.txt", "folder"):
                print(name, mode(name))
            """,
            mount.MountPoint);

        // The mount shows modes through its umask= option (022 unless set), for a created file as for a chmod-ed one.
        Assert.True(
            shown == "open 0o600\ncreated.txt 0o600\nchmodded.txt 0o600\nreadable.txt 0o640\nmasked.txt 0o600\nfolder 0o750\n",
            $"{shown}\n{mount.Describe()}");

        // cp creates the copy with the source's mode (umask applied) through open(O_CREAT), without a chmod.
        using var local = new TempDirectory();
        var source = local.File("source.sh", "#!/bin/sh\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        await ExternalProgram.RunCheckedAsync("sh", "-c", "umask 022 && cp \"$0\" \"$1\"", source, mount.PathOf("copied.sh"));
        Assert.Equal("750\n", await ExternalProgram.RunCheckedAsync("stat", "-c", "%a", mount.PathOf("copied.sh")));

        const UnixFileMode Rw = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(Rw | UnixFileMode.GroupWrite, File.GetUnixFileMode(mount.ServerPathOf("created.txt")));
        Assert.Equal(Rw | UnixFileMode.GroupWrite, File.GetUnixFileMode(mount.ServerPathOf("chmodded.txt")));
        Assert.Equal(Rw | UnixFileMode.GroupRead, File.GetUnixFileMode(mount.ServerPathOf("readable.txt")));
        Assert.Equal(Rw, File.GetUnixFileMode(mount.ServerPathOf("masked.txt")));
        Assert.Equal(Rw | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute, File.GetUnixFileMode(mount.ServerPathOf("folder")));
        Assert.Equal(Rw | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute, File.GetUnixFileMode(mount.ServerPathOf("copied.sh")));
        Assert.Equal("mode 0620\n", await File.ReadAllTextAsync(mount.ServerPathOf("created.txt"), Ct));
    }

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task Truncate_beyond_what_the_spool_holds_is_efbig_and_the_file_keeps_its_content(FtpServerKind kind)
    {
        await using var mount = await MountedServer.StartAsync(kind);
        mount.Server.CreateFile("data.bin", "kept as it was\n"u8);

        var python = await ExternalProgram.PythonAsync(
            """
            import errno, os, sys
            for label, action in (("path", lambda: os.truncate(sys.argv[1], int(sys.argv[2]))),
                                  ("handle", lambda: open(sys.argv[1], "r+b").truncate(int(sys.argv[2])))):
                try:
                    action()
                    print(label, "ok", os.stat(sys.argv[1]).st_size)
                except OSError as e:
                    print(label, errno.errorcode.get(e.errno, e.errno))
            """,
            mount.PathOf("data.bin"),
            Huge.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(
            python == "path EFBIG\nhandle EFBIG\n",
            $"{python} (the spool folder {Path.GetTempPath()} must be on a file system that stops below {Huge} bytes, as ext4 does)\n{mount.Describe()}");

        var truncate = await ExternalProgram.RunAsync("truncate", "-s", Huge.ToString(System.Globalization.CultureInfo.InvariantCulture), mount.PathOf("data.bin"));
        Assert.True(truncate.ExitCode != 0 && truncate.Error.Contains("File too large", StringComparison.Ordinal), truncate.ToString());

        Assert.Equal("kept as it was\n", await ExternalProgram.RunCheckedAsync("cat", mount.PathOf("data.bin")));
        Assert.Equal("kept as it was\n", await File.ReadAllTextAsync(mount.ServerPathOf("data.bin"), Ct));
    }
}
