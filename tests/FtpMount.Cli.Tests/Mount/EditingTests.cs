using System.Text;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>The ways programs change existing files: editors' safe save, shell appends, in-place edits.</summary>
[Trait("Category", "Integration")]
public sealed class EditingTests
{
    // What vim, gedit and most "atomic save" libraries do: a new file beside the original, fsync, rename over it.
    private const string EditorSave = """
        import os, sys
        directory = sys.argv[1]
        temporary = os.path.join(directory, '.doc.txt.tmp')
        with open(temporary, 'wb') as f:
            f.write(b'new version\n' * 10000)
            f.flush()
            os.fsync(f.fileno())
            os.chmod(temporary, 0o640)
            print(oct(os.stat(temporary).st_mode & 0o777))
        os.rename(temporary, os.path.join(directory, 'doc.txt'))
        """;

    private const string InPlaceEdit = """
        import sys
        with open(sys.argv[1], 'r+b') as f:
            f.seek(6)
            f.write(b'EDITED')
            f.seek(0)
            print(f.read().decode(), end='')
        """;

    // tempfile.TemporaryFile: O_TMPFILE is refused on FUSE, so Python creates a file and unlinks it at once, then
    // works through the descriptor alone (sort, databases and compilers do the same). Not fstat: libfuse answers
    // that with ESTALE for an unlinked file, as the kernel sends it without the handle.
    private const string UnlinkedScratchFile = """
        import os, sys, tempfile
        with tempfile.TemporaryFile(dir=sys.argv[1]) as f:
            f.write(b'scratch ' * 20000)
            f.flush()
            print(f.seek(0, os.SEEK_END), len(os.listdir(sys.argv[1])))
            f.truncate(8)
            f.seek(0)
            print(f.read().decode(), f.seek(0, os.SEEK_END))
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task Editor_save_writes_a_temporary_file_fsyncs_and_renames_it_over_the_original(FtpServerKind kind)
    {
        await using var mount = await MountedServer.StartAsync(kind);
        mount.Server.CreateFile("doc.txt", "old version\n"u8);
        var expected = new StringBuilder().Insert(0, "new version\n", 10000).ToString();

        var modeWhileOpen = await ExternalProgram.PythonAsync(EditorSave, mount.MountPoint);

        Assert.Equal("0o640\n", modeWhileOpen);
        Assert.Equal(expected, await File.ReadAllTextAsync(mount.ServerPathOf("doc.txt"), Ct));
        Assert.Equal(expected, await ExternalProgram.RunCheckedAsync("cat", mount.PathOf("doc.txt")));
        Assert.False(File.Exists(mount.ServerPathOf(".doc.txt.tmp")));
        Assert.Equal("doc.txt\n", await ExternalProgram.RunCheckedAsync("ls", "-A", mount.MountPoint));
        Assert.Equal("640\n", await ExternalProgram.RunCheckedAsync("stat", "-c", "%a", mount.PathOf("doc.txt")));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task Shell_append_adds_to_the_end_of_existing_and_new_files(FtpServerKind kind)
    {
        await using var mount = await MountedServer.StartAsync(kind);
        mount.Server.CreateFile("log.txt", "line 1\n"u8);

        await ExternalProgram.RunCheckedAsync("sh", "-c", "echo 'line 2' >> \"$1\"", "sh", mount.PathOf("log.txt"));
        await ExternalProgram.RunCheckedAsync("sh", "-c", "echo 'line 3' >> \"$1\"", "sh", mount.PathOf("log.txt"));
        await ExternalProgram.RunCheckedAsync("sh", "-c", "echo first >> \"$1\"; echo second >> \"$1\"", "sh", mount.PathOf("new.txt"));

        Assert.Equal("line 1\nline 2\nline 3\n", await File.ReadAllTextAsync(mount.ServerPathOf("log.txt"), Ct));
        Assert.Equal("line 1\nline 2\nline 3\n", await ExternalProgram.RunCheckedAsync("cat", mount.PathOf("log.txt")));
        Assert.Equal("first\nsecond\n", await File.ReadAllTextAsync(mount.ServerPathOf("new.txt"), Ct));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task Read_write_open_edits_bytes_in_place_and_the_server_gets_the_whole_file(FtpServerKind kind)
    {
        await using var mount = await MountedServer.StartAsync(kind);
        mount.Server.CreateFile("record.txt", "begin-------end\n"u8);

        var seenByEditor = await ExternalProgram.PythonAsync(InPlaceEdit, mount.PathOf("record.txt"));

        Assert.Equal("begin-EDITEDend\n", seenByEditor);
        Assert.Equal("begin-EDITEDend\n", await File.ReadAllTextAsync(mount.ServerPathOf("record.txt"), Ct));
        Assert.Equal("begin-EDITEDend\n", await ExternalProgram.RunCheckedAsync("cat", mount.PathOf("record.txt")));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task File_unlinked_while_open_stays_usable_through_its_descriptor_and_leaves_nothing(FtpServerKind kind)
    {
        await using var mount = await MountedServer.StartAsync(kind);

        var seen = await ExternalProgram.PythonAsync(UnlinkedScratchFile, mount.MountPoint);

        Assert.Equal("160000 0\nscratch  8\n", seen);
        Assert.Empty(Directory.EnumerateFileSystemEntries(mount.Server.RootDirectory));
        Assert.Equal(string.Empty, await ExternalProgram.RunCheckedAsync("ls", "-A", mount.MountPoint));
    }
}
