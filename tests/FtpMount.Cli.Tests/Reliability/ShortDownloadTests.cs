using FtpMount.Cli.Tests.Mount;
using FtpMount.Testing.Hostile;

namespace FtpMount.Cli.Tests.Reliability;

/// <summary>
/// Issue 11.1: a download that ends before the size the server gave (MLSD and SIZE agree on 100,000 bytes, RETR
/// sends 50,000) is an error, never a file whose missing part is zeros. Reads fail with EIO, and so does every change
/// that needs the old content (append, truncate to a length, O_RDWR), before anything is sent to the server.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ShortDownloadTests
{
    private const int FileLength = 100_000;
    private const int EndsAt = 50_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>How the download ends early: a FIN and 226 (a lie), a reset and 226 (bytes "sent" were lost), a reset and 426.</summary>
    public static TheoryData<string> EarlyEnds => new() { "fin-226", "reset-226", "reset-426" };

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(EarlyEnds))]
    public async Task A_download_that_ends_early_fails_reads_and_changes_with_eio_and_the_server_file_is_untouched(string earlyEnd)
    {
        var content = TestData.Bytes(FileLength, seed: 11);
        string[] names = ["cat.bin", "append.bin", "truncate.bin", "rw.bin"];
        await using var mount = await MountedServer.StartHostileAsync(seed: server =>
        {
            foreach (var name in names)
            {
                server.CreateFile(name, content);
            }

            _ = earlyEnd switch
            {
                "fin-226" => server.EndDownloadsAt(null, EndsAt),
                "reset-226" => server.CutDownloads(null, EndsAt, "226 Transfer complete."),
                _ => server.CutDownloads(null, EndsAt),
            };
        });

        var cat = await ExternalProgram.RunAsync("cat", [mount.PathOf("cat.bin")]);
        var append = await ExternalProgram.RunAsync("sh", ["-c", "echo tail >> \"$1\"", "sh", mount.PathOf("append.bin")]);
        var truncate = await ExternalProgram.RunAsync("truncate", ["-s", "90000", mount.PathOf("truncate.bin")]);
        var readWrite = await ExternalProgram.RunAsync("python3", ["-c", ReadWriteEdit, mount.PathOf("rw.bin")]);

        var log = mount.Describe();
        Assert.True(cat.ExitCode != 0 && IsEio(cat.Error), $"{cat}\n{log}");
        Assert.True(cat.Output.Length <= EndsAt, $"cat printed {cat.Output.Length} characters");
        Assert.True(append.ExitCode != 0 && IsEio(append.Error), $"{append}\n{log}");
        Assert.True(truncate.ExitCode != 0 && IsEio(truncate.Error), $"{truncate}\n{log}");
        Assert.True(readWrite.ExitCode == 0 && readWrite.Output == "EIO\n", $"{readWrite} output {readWrite.Output}\n{log}");
        foreach (var name in names)
        {
            Assert.Equal(content, await File.ReadAllBytesAsync(mount.ServerPathOf(name), Ct));
        }

        var commands = mount.Hostile.Commands;
        Assert.False(commands.Any("STOR", "APPE", "RNFR", "RNTO", "DELE"), commands.ToString());
    }

    /// <summary>EIO as strerror says it ("Input/output error"), or as dash says it for a failed write ("I/O error").</summary>
    internal static bool IsEio(string error) =>
        error.Contains("Input/output error", StringComparison.Ordinal) || error.Contains("I/O error", StringComparison.Ordinal);

    /// <summary>An in-place edit as editors of binary files do it: read the file, write into it. Prints the errno's name.</summary>
    internal const string ReadWriteEdit = """
        import errno, sys
        try:
            with open(sys.argv[1], 'r+b') as f:
                data = f.read()
                f.seek(0)
                f.write(b'EDIT')
            print('ok', len(data))
        except OSError as e:
            print(errno.errorcode[e.errno])
        """;
}
