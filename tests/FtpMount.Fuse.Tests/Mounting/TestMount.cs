using Microsoft.Extensions.Logging.Abstractions;

namespace FtpMount.Fuse.Tests.Mounting;

/// <summary>
/// One mounted <see cref="InMemoryFileSystem"/> on a fresh directory under /tmp. Disposal always leaves the
/// directory unmounted: the host's own unmount first, then <c>fusermount3 -u -z</c> if that did not finish.
/// </summary>
internal sealed class TestMount : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private TestMount(string mountPoint, InMemoryFileSystem fileSystem, FuseHost host, Task run)
    {
        MountPoint = mountPoint;
        FileSystem = fileSystem;
        Host = host;
        Run = run;
    }

    public string MountPoint { get; }

    public InMemoryFileSystem FileSystem { get; }

    public FuseHost Host { get; }

    public Task Run { get; }

    public static async Task<TestMount> StartAsync(InMemoryFileSystem fileSystem, CancellationToken cancellationToken = default)
    {
        FuseEnvironment.Require();
        string mountPoint = Path.Combine("/tmp", "ftpmount-fuse-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(mountPoint);
        var options = new FuseMountOptions
        {
            MountPoint = mountPoint,
            FileSystemName = "inmemory",
            Subtype = "ftpmount-test",
            MaxThreads = 4,
        };
        var host = new FuseHost(fileSystem, options, NullLogger<FuseHost>.Instance);
        Task run = host.RunAsync(cancellationToken);
        var mount = new TestMount(mountPoint, fileSystem, host, run);
        if (run.IsFaulted)
        {
            await mount.ForceUnmountAndDeleteAsync();
            await run;
        }

        Assert.True(FuseEnvironment.IsMounted(mountPoint), $"{mountPoint} is not in /proc/mounts after RunAsync returned");
        return mount;
    }

    public string PathOf(string relative) => Path.Combine(MountPoint, relative.TrimStart('/'));

    public async ValueTask DisposeAsync()
    {
        try
        {
            Host.Unmount();
            await Run.WaitAsync(StopTimeout);
        }
        catch (Exception) when (!FuseEnvironment.IsMounted(MountPoint))
        {
            // A failed run is the test's business; here only the mount matters, and it is gone.
        }
        finally
        {
            await ForceUnmountAndDeleteAsync();
        }
    }

    private async Task ForceUnmountAndDeleteAsync()
    {
        if (FuseEnvironment.IsMounted(MountPoint))
        {
            // Lazy: detaches even while something still holds a file open in the mount.
            await ProcessRunner.RunAsync("fusermount3", "-u", "-z", MountPoint);
        }

        if (!FuseEnvironment.IsMounted(MountPoint))
        {
            Directory.Delete(MountPoint, recursive: false);
        }
    }
}
