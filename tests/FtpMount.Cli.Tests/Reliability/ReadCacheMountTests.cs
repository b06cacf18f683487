using System.Security.Cryptography;
using FtpMount.Cli.Tests.Mount;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Reliability;

/// <summary>
/// Issue 15.3, <c>-o cache=full</c> on a real mount of a real server, behind the proxy that counts every byte the
/// server sends: a file read once is read again after unmount and remount with no file data from the server, and
/// once another FTP client stored new content, the mount's next read returns the new content whole.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReadCacheMountTests
{
    private const int FileLength = 8 << 20;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = 240_000)]
    [InlineData(FtpServerKind.Vsftpd)]
    [InlineData(FtpServerKind.PureFtpd)]
    [InlineData(FtpServerKind.Proftpd)]
    [InlineData(FtpServerKind.Pyftpdlib)]
    public async Task A_file_read_before_a_remount_is_read_from_the_cache_and_new_server_content_replaces_it(FtpServerKind kind)
    {
        var content = TestData.Bytes(FileLength, seed: 15);
        var cacheDirectory = Directory.CreateTempSubdirectory("ftpmount-readcache-").FullName;
        try
        {
            await using var mount = await FaultyMount.StartAsync(
                kind,
                throughProxy: true,
                options: $"{FaultyMount.DefaultOptions},cache=full,cache_dir={cacheDirectory}",
                seed: server => server.CreateFile("big.bin", content));
            var proxy = mount.Proxy!;

            Assert.Equal(Hash(content), await HashInMountAsync(mount));
            await mount.UnmountAsync();

            // The old mount's process writes the range record as it ends; the remount must find it.
            var recorded = await Poll.UntilAsync(
                () => Directory.EnumerateFiles(cacheDirectory, "*.ranges", SearchOption.AllDirectories).Any(), TimeSpan.FromSeconds(30));
            Assert.True(recorded, $"No range record in {cacheDirectory} after the unmount. {mount.LastMountLog}");

            await mount.MountAsync();
            var before = proxy.BytesRelayed;
            Assert.Equal(Hash(content), await HashInMountAsync(mount));
            var relayed = proxy.BytesRelayed - before;
            Assert.True(relayed < FileLength / 8, $"The second read after the remount moved {relayed} bytes through the proxy (the file has {FileLength}).");

            var changed = TestData.Bytes((5 << 20) + 17, seed: 16);
            await AnotherFtpClient.StoreAsync(mount.Server, "big.bin", changed);
            string? last = null;
            var replaced = await Poll.UntilAsync(
                async () =>
                {
                    last = await HashInMountAsync(mount);
                    Assert.True(last == Hash(content) || last == Hash(changed), $"A read returned neither version whole: {last}");
                    return last == Hash(changed);
                },
                TimeSpan.FromSeconds(60),
                interval: TimeSpan.FromMilliseconds(500));
            Assert.True(replaced, $"The mount still reads {last} after another client stored new content.");
        }
        finally
        {
            Directory.Delete(cacheDirectory, recursive: true);
        }
    }

    private static async Task<string> HashInMountAsync(FaultyMount mount)
    {
        var result = await mount.InMountAsync("sha256sum big.bin");
        Assert.True(result.ExitCode == 0, $"sha256sum failed: {result.Error}");
        return result.Output.Split(' ')[0];
    }

    private static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
