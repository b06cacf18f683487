using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>
/// Names as Linux has them (issue 13.3): a name of more than 255 bytes and a path the server cannot take in one
/// command line are ENAMETOOLONG at the call that names them, not an EACCES at close(); a backslash is an ordinary
/// character on a Unix server.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LinuxNameTests
{
    private const string Errno = """
        import errno, os, sys
        def attempt(label, action):
            try:
                action()
                print(label, "ok")
            except OSError as e:
                print(label, errno.errorcode.get(e.errno, e.errno))

        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task A_name_over_255_bytes_is_enametoolong_at_open_and_stat_and_one_of_255_bytes_is_saved(FtpServerKind kind)
    {
        await using var mount = await MountedServer.StartAsync(kind);
        var longest = new string('a', 255);
        var tooLong = new string('b', 256);

        var python = await ExternalProgram.PythonAsync(
            Errno + """
            attempt("open", lambda: open(os.path.join(sys.argv[1], sys.argv[2]), "w").close())
            attempt("stat", lambda: os.stat(os.path.join(sys.argv[1], sys.argv[2])))
            attempt("mkdir", lambda: os.mkdir(os.path.join(sys.argv[1], sys.argv[2])))
            """,
            mount.MountPoint,
            tooLong);
        Assert.True(python == "open ENAMETOOLONG\nstat ENAMETOOLONG\nmkdir ENAMETOOLONG\n", $"{python}\n{mount.Describe()}");

        var touch = await ExternalProgram.RunAsync("touch", mount.PathOf(tooLong));
        Assert.True(touch.ExitCode != 0 && touch.Error.Contains("File name too long", StringComparison.Ordinal), touch.ToString());

        using var local = new TempDirectory();
        var source = local.File("source.txt", "a name of 255 bytes\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await ExternalProgram.RunCheckedAsync("cp", source, mount.PathOf(longest));
        Assert.Equal("a name of 255 bytes\n", await File.ReadAllTextAsync(mount.ServerPathOf(longest), Ct));
        Assert.Equal([longest], Directory.GetFileSystemEntries(mount.Endpoint.RootDirectory).Select(Path.GetFileName));
    }

    /// <summary>
    /// Folders of 250-byte names nested until the server path passes what every server takes in one command line
    /// (pyftpdlib stops at 2048 bytes, vsftpd ends the session past 4094): mkdir -p and a create there are
    /// ENAMETOOLONG, the server is never sent the line, and the mount goes on working.
    /// </summary>
    [Theory(Timeout = 180_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task A_path_longer_than_the_server_takes_is_enametoolong_and_the_mount_goes_on(FtpServerKind kind)
    {
        await using var mount = await MountedServer.StartAsync(kind);
        var segment = new string('d', 250);
        var deep = string.Join('/', Enumerable.Repeat(segment, 12));

        var mkdir = await ExternalProgram.RunAsync("mkdir", "-p", mount.PathOf(deep));
        Assert.True(mkdir.ExitCode != 0 && mkdir.Error.Contains("File name too long", StringComparison.Ordinal), $"{mkdir}\n{mount.Describe()}");

        var created = 0;
        for (var path = mount.ServerPathOf(segment); Directory.Exists(path); path = Path.Combine(path, segment))
        {
            created++;
        }

        // 7 levels of 251 bytes below a server root of "/"; fewer below a longer login folder.
        Assert.InRange(created, 4, 7);
        var deepest = string.Join('/', Enumerable.Repeat(segment, created));
        var python = await ExternalProgram.PythonAsync(
            Errno + """
            attempt("create", lambda: open(os.path.join(sys.argv[1], sys.argv[2], sys.argv[3]), "w").close())
            """,
            mount.MountPoint,
            deepest,
            segment);
        Assert.Equal("create ENAMETOOLONG\n", python);

        await File.WriteAllTextAsync(Path.Combine(mount.PathOf(deepest[..^segment.Length]), "f.txt"), "still works\n", Ct);
        Assert.Equal("still works\n", await File.ReadAllTextAsync(Path.Combine(mount.ServerPathOf(deepest[..^segment.Length]), "f.txt"), Ct));
    }

    /// <summary>
    /// vsftpd, proftpd and pyftpdlib take a backslash as part of a name; pure-ftpd refuses every path with one ("553
    /// Prohibited file name"), so there such names are hidden (they could never be opened) and creating one is EINVAL.
    /// </summary>
    [Theory(Timeout = 180_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task A_backslash_is_an_ordinary_character_of_names_where_the_server_takes_it(FtpServerKind kind)
    {
        await using var mount = await MountedServer.StartAsync(kind);
        mount.Server.CreateFile("server\\made.txt", "made on the server\n"u8);
        using var local = new TempDirectory();
        var source = local.File("source.txt", "made through the mount\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var listed = await ExternalProgram.RunCheckedAsync("ls", "-1", mount.MountPoint);
        var copy = await ExternalProgram.RunAsync("cp", source, mount.PathOf("back\\slash.txt"));

        if (kind == FtpServerKind.PureFtpd)
        {
            Assert.True(listed.Length == 0, $"{listed}\n{mount.Describe()}");
            Assert.True(copy.ExitCode != 0 && copy.Error.Contains("Invalid argument", StringComparison.Ordinal), copy.ToString());
            Assert.Equal(["server\\made.txt"], Directory.GetFileSystemEntries(mount.Endpoint.RootDirectory).Select(Path.GetFileName));
            return;
        }

        Assert.True(listed == "server\\made.txt\n", $"{listed}\n{mount.Describe()}");
        Assert.Equal("made on the server\n", await ExternalProgram.RunCheckedAsync("cat", mount.PathOf("server\\made.txt")));
        Assert.True(copy.ExitCode == 0, $"{copy}\n{mount.Describe()}");
        await ExternalProgram.RunCheckedAsync("mkdir", mount.PathOf("folder\\name"));
        await ExternalProgram.RunCheckedAsync("mv", mount.PathOf("back\\slash.txt"), mount.PathOf("folder\\name/moved\\here.txt"));

        Assert.Equal("made through the mount\n", await File.ReadAllTextAsync(mount.ServerPathOf("folder\\name/moved\\here.txt"), Ct));
        Assert.Equal(
            ["folder\\name", "server\\made.txt"],
            Directory.GetFileSystemEntries(mount.Endpoint.RootDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
