using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>cp into and out of the mount keeps every byte, at the sizes where the upload path changes.</summary>
[Trait("Category", "Integration")]
public sealed class CopyTests
{
    // Empty, tiny, just under and over the 64 KiB first write that starts a streaming upload, and several MiB odd-sized.
    private static readonly int[] Sizes = [0, 1, 65_535, 65_537, 3 * 1024 * 1024 + 123];

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task Cp_in_and_out_and_over_an_existing_file_keeps_every_byte(FtpServerKind kind)
    {
        await using var mount = await MountedServer.StartAsync(kind);
        using var local = new TempDirectory();
        var random = new Random(2);
        foreach (var size in Sizes)
        {
            var name = $"file-{size}.bin";
            var content = new byte[size];
            random.NextBytes(content);
            var original = Path.Combine(local.Path, name);
            await File.WriteAllBytesAsync(original, content, TestContext.Current.CancellationToken);
            var expected = await ExternalProgram.Sha256Async(original);

            await ExternalProgram.RunCheckedAsync("cp", original, mount.PathOf(name));
            Assert.True(expected == await ExternalProgram.Sha256Async(mount.ServerPathOf(name)), $"{name} on the server differs. {mount.Describe()}");

            var back = Path.Combine(local.Path, "back-" + name);
            await ExternalProgram.RunCheckedAsync("cp", mount.PathOf(name), back);
            Assert.Equal(expected, await ExternalProgram.Sha256Async(back));
            Assert.Equal($"{size}\n", await ExternalProgram.RunCheckedAsync("stat", "-c", "%s", mount.PathOf(name)));
        }

        // Over an existing, longer file: the server ends up with exactly the new bytes, no old tail.
        var shorter = Path.Combine(local.Path, "shorter.bin");
        await File.WriteAllBytesAsync(shorter, new byte[1000], TestContext.Current.CancellationToken);
        var longest = $"file-{Sizes[^1]}.bin";
        await ExternalProgram.RunCheckedAsync("cp", shorter, mount.PathOf(longest));
        Assert.Equal(await ExternalProgram.Sha256Async(shorter), await ExternalProgram.Sha256Async(mount.ServerPathOf(longest)));
        Assert.Equal("1000\n", await ExternalProgram.RunCheckedAsync("stat", "-c", "%s", mount.PathOf(longest)));

        // No temporary upload names are left next to the files.
        Assert.DoesNotContain(Directory.EnumerateFiles(mount.Server.RootDirectory), path => Path.GetFileName(path).StartsWith(".ftpmount-", StringComparison.Ordinal));
    }
}
