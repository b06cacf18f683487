using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>When the server refuses a save, the program is told, and no partial file appears under the real name.</summary>
[Trait("Category", "Integration")]
public sealed class FailedSaveTests
{
    private static readonly UnixFileMode ReadAndEnterOnly =
        UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task Cp_into_a_directory_the_server_will_not_write_fails_and_leaves_no_partial_file(FtpServerKind kind)
    {
        await using var mount = await MountedServer.StartAsync(kind);
        mount.Server.CreateFile("locked/existing.txt", "original\n"u8);
        // Owned by the FTP user, but 0555: the daemon, running as that user, cannot create or rename anything in it.
        File.SetUnixFileMode(mount.ServerPathOf("locked"), ReadAndEnterOnly);
        using var local = new TempDirectory();
        var payload = new byte[300_000];
        new Random(11).NextBytes(payload);
        var source = Path.Combine(local.Path, "payload.bin");
        await File.WriteAllBytesAsync(source, payload, TestContext.Current.CancellationToken);

        var created = await ExternalProgram.RunAsync("cp", source, mount.PathOf("locked/new.bin"));
        Assert.True(created.ExitCode != 0, $"cp of a new file succeeded. {mount.Describe()}");
        // close(2) reports it: cp says "failed to close", with the server's refusal as EACCES.
        Assert.Contains("new.bin': Permission denied", created.Error, StringComparison.Ordinal);

        var replaced = await ExternalProgram.RunAsync("cp", source, mount.PathOf("locked/existing.txt"));
        Assert.True(replaced.ExitCode != 0, $"cp over an existing file succeeded. {mount.Describe()}");
        Assert.Contains("existing.txt': Permission denied", replaced.Error, StringComparison.Ordinal);

        Assert.Equal(["existing.txt"], Directory.EnumerateFileSystemEntries(mount.ServerPathOf("locked")).Select(Path.GetFileName));
        Assert.Equal("original\n", await File.ReadAllTextAsync(mount.ServerPathOf("locked/existing.txt"), TestContext.Current.CancellationToken));
        Assert.Equal("existing.txt\n", await ExternalProgram.RunCheckedAsync("ls", "-A", mount.PathOf("locked")));
        Assert.Equal("original\n", await ExternalProgram.RunCheckedAsync("cat", mount.PathOf("locked/existing.txt")));
    }
}
