namespace FtpMount.Cli.Tests.Mount;

/// <summary>
/// One 1 GiB file of random bytes for the whole test run (made once, shared by every server's case), with its
/// SHA-256; deleted when the tests that use it are done.
/// </summary>
public sealed class GigabyteFile : IAsyncLifetime
{
    public const long Size = 1L << 30;

    private readonly TempDirectory _directory = new();

    public string Path => System.IO.Path.Combine(_directory.Path, "gigabyte.bin");

    public string Sha256 { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        // The kernel's generator writes about 1 GiB/s here: faster than any seeded generator in managed code.
        await ExternalProgram.RunCheckedAsync("sh", ["-c", "head -c 1G /dev/urandom > \"$1\"", "sh", Path], TimeSpan.FromMinutes(2));
        Assert.Equal(Size, new FileInfo(Path).Length);
        Sha256 = await ExternalProgram.Sha256Async(Path, TimeSpan.FromMinutes(2));
    }

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
