using System.Security.Cryptography;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>Programs reading at the same time each get their own file's bytes.</summary>
[Trait("Category", "Integration")]
public sealed class ConcurrentReadTests
{
    private const int Size = 50 * 1024 * 1024;

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task Two_sha256sum_started_together_on_two_50_MB_files_both_get_the_right_sums(FtpServerKind kind)
    {
        await using var mount = await MountedServer.StartAsync(kind);
        var random = new Random(9);
        var expected = new Dictionary<string, string>();
        foreach (var name in new[] { "first.bin", "second.bin" })
        {
            var content = new byte[Size];
            random.NextBytes(content);
            mount.Server.CreateFile(name, content);
            expected[name] = Convert.ToHexStringLower(SHA256.HashData(content));
        }

        var first = ExternalProgram.Sha256Async(mount.PathOf("first.bin"));
        var second = ExternalProgram.Sha256Async(mount.PathOf("second.bin"));
        Assert.Equal([expected["first.bin"], expected["second.bin"]], await Task.WhenAll(first, second));

        // Two readers of one file do not disturb each other either.
        var again = await Task.WhenAll(ExternalProgram.Sha256Async(mount.PathOf("second.bin")), ExternalProgram.Sha256Async(mount.PathOf("second.bin")));
        Assert.Equal([expected["second.bin"], expected["second.bin"]], again);
    }
}
