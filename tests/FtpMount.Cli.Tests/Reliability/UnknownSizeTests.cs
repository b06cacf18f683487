using FtpMount.Cli.Tests.Mount;
using FtpMount.Testing;
using FtpMount.Testing.Hostile;

namespace FtpMount.Cli.Tests.Reliability;

/// <summary>
/// Issue 11.2: RFC 3659 makes every MLSD fact optional. A file listed without a size has an unknown size, never
/// size 0: reads go to the end of the transfer (checked by its 226), changes start from the whole old content,
/// and <c>stat</c> asks SIZE. With SIZE refused too, all of that still holds.
/// </summary>
[Trait("Category", "Integration")]
public sealed class UnknownSizeTests
{
    private const int FileLength = 100_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<bool> SizeRefused => new() { false, true };

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(SizeRefused))]
    public async Task A_file_listed_without_a_size_reads_whole_and_appends_truncates_and_edits_keep_its_content(bool sizeRefused)
    {
        var content = TestData.Bytes(FileLength, seed: 12);
        string[] names = ["cat.bin", "copy.bin", "append.bin", "truncate.bin", "rw.bin"];
        await using var mount = await MountedServer.StartHostileAsync(seed: server =>
        {
            foreach (var name in names)
            {
                server.CreateFile(name, content);
            }

            server.ListWithoutSize();
            if (sizeRefused)
            {
                server.RefuseSize();
            }
        });
        var log = mount.Describe;

        var cat = await ExternalProgram.RunAsync("sha256sum", [mount.PathOf("cat.bin")]);
        Assert.True(cat.ExitCode == 0, $"{cat}\n{log()}");
        Assert.Equal(TestData.Sha256(content), cat.Output.Split(' ')[0]);
        await ExternalProgram.RunCheckedAsync("cp", mount.PathOf("copy.bin"), mount.PathOf("copied.bin"));
        Assert.Equal(content, await File.ReadAllBytesAsync(mount.ServerPathOf("copied.bin"), Ct));

        var append = await ExternalProgram.RunAsync("sh", ["-c", "echo tail >> \"$1\"", "sh", mount.PathOf("append.bin")]);
        Assert.True(append.ExitCode == 0, $"{append}\n{log()}");
        byte[] appended = [.. content, .. "tail\n"u8.ToArray()];
        Assert.Equal(appended, await File.ReadAllBytesAsync(mount.ServerPathOf("append.bin"), Ct));

        var truncate = await ExternalProgram.RunAsync("truncate", ["-s", "90000", mount.PathOf("truncate.bin")]);
        Assert.True(truncate.ExitCode == 0, $"{truncate}\n{log()}");
        Assert.Equal(content[..90_000], await File.ReadAllBytesAsync(mount.ServerPathOf("truncate.bin"), Ct));

        var readWrite = await ExternalProgram.RunAsync("python3", ["-c", ShortDownloadTests.ReadWriteEdit, mount.PathOf("rw.bin")]);
        Assert.True(readWrite.ExitCode == 0 && readWrite.Output == $"ok {FileLength}\n", $"{readWrite} output {readWrite.Output}\n{log()}");
        byte[] edited = [.. "EDIT"u8.ToArray(), .. content[4..]];
        Assert.Equal(edited, await File.ReadAllBytesAsync(mount.ServerPathOf("rw.bin"), Ct));

        if (!sizeRefused)
        {
            Assert.Equal("100000\n", await ExternalProgram.RunCheckedAsync("stat", "-c", "%s", mount.PathOf("cat.bin")));
        }
    }

    /// <summary>
    /// What the size policy must not cost on real servers: their listed sizes (vsftpd's from LIST, the others' from
    /// MLSD) are what stat shows, and the verified copy before a change still works, for an empty file too.
    /// </summary>
    [Theory(Timeout = 180_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task On_real_servers_listed_sizes_are_shown_and_changes_of_existing_files_keep_every_byte(FtpServerKind kind)
    {
        var content = TestData.Bytes(FileLength, seed: 14);
        await using var mount = await MountedServer.StartAsync(kind);
        foreach (var name in new[] { "cat.bin", "append.bin", "truncate.bin", "rw.bin" })
        {
            mount.Server.CreateFile(name, content);
        }

        mount.Server.CreateFile("empty.txt", []);

        Assert.Equal("100000\n0\n", await ExternalProgram.RunCheckedAsync("stat", "-c", "%s", mount.PathOf("cat.bin"), mount.PathOf("empty.txt")));
        Assert.Equal(TestData.Sha256(content), await ExternalProgram.Sha256Async(mount.PathOf("cat.bin")));
        await ExternalProgram.RunCheckedAsync("sh", "-c", "echo tail >> \"$1\"; echo first >> \"$2\"", "sh", mount.PathOf("append.bin"), mount.PathOf("empty.txt"));
        await ExternalProgram.RunCheckedAsync("truncate", "-s", "90000", mount.PathOf("truncate.bin"));
        var readWrite = await ExternalProgram.RunAsync("python3", ["-c", ShortDownloadTests.ReadWriteEdit, mount.PathOf("rw.bin")]);

        byte[] appended = [.. content, .. "tail\n"u8.ToArray()];
        byte[] edited = [.. "EDIT"u8.ToArray(), .. content[4..]];
        Assert.Equal(appended, await File.ReadAllBytesAsync(mount.ServerPathOf("append.bin"), Ct));
        Assert.Equal("first\n", await File.ReadAllTextAsync(mount.ServerPathOf("empty.txt"), Ct));
        Assert.Equal(content[..90_000], await File.ReadAllBytesAsync(mount.ServerPathOf("truncate.bin"), Ct));
        Assert.True(readWrite.Output == $"ok {FileLength}\n", $"{readWrite} output {readWrite.Output}");
        Assert.Equal(edited, await File.ReadAllBytesAsync(mount.ServerPathOf("rw.bin"), Ct));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_short_download_of_a_file_whose_listing_has_no_size_is_caught_by_size_and_changes_nothing()
    {
        var content = TestData.Bytes(FileLength, seed: 13);
        await using var mount = await MountedServer.StartHostileAsync(seed: server =>
        {
            server.CreateFile("cat.bin", content);
            server.CreateFile("append.bin", content);
            server.ListWithoutSize();
            server.EndDownloadsAt(null, 50_000);
        });

        var cat = await ExternalProgram.RunAsync("cat", [mount.PathOf("cat.bin")]);
        var append = await ExternalProgram.RunAsync("sh", ["-c", "echo tail >> \"$1\"", "sh", mount.PathOf("append.bin")]);

        Assert.True(cat.ExitCode != 0 && ShortDownloadTests.IsEio(cat.Error), $"{cat}\n{mount.Describe()}");
        Assert.True(append.ExitCode != 0 && ShortDownloadTests.IsEio(append.Error), $"{append}\n{mount.Describe()}");
        Assert.Equal(content, await File.ReadAllBytesAsync(mount.ServerPathOf("append.bin"), Ct));
        Assert.False(mount.Hostile.Commands.Any("STOR", "APPE", "RNFR", "RNTO", "DELE"), mount.Hostile.Commands.ToString());
    }
}
