using FtpMount.Cli.Tests.Hosting;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>Every way a mount is meant to end ends the ftpmount process and removes the mount.</summary>
[Trait("Category", "Integration")]
public sealed class LifecycleTests
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(20);

    public enum Ending
    {
        /// <summary><c>ftpmount unmount MOUNTPOINT</c> for an <c>ftpmount -f</c>.</summary>
        FtpmountUnmount,

        /// <summary><c>fusermount3 -u MOUNTPOINT</c>, from outside ftpmount.</summary>
        FusermountFromOutside,

        /// <summary>SIGTERM to the foreground process, as systemd stops a unit.</summary>
        Sigterm,

        /// <summary><c>ftpmount unmount MOUNTPOINT</c> for a mount made the default way, by a background process.</summary>
        FtpmountUnmountOfBackgroundMount,
    }

    public static TheoryData<FtpServerKind, Ending> Cases()
    {
        var cases = new TheoryData<FtpServerKind, Ending>();
        foreach (var kind in FtpServerKinds.Plain)
        {
            foreach (var ending in Enum.GetValues<Ending>())
            {
                cases.Add(kind, ending);
            }
        }

        return cases;
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Cases))]
    public async Task Ending_a_mount_stops_ftpmount_and_removes_the_mount(FtpServerKind kind, Ending ending)
    {
        await using var mount = await MountedServer.StartAsync(kind, background: ending == Ending.FtpmountUnmountOfBackgroundMount);
        mount.Server.CreateFile("alive.txt", "yes\n"u8);
        Assert.Equal("yes\n", await ExternalProgram.RunCheckedAsync("cat", mount.PathOf("alive.txt")));
        Assert.True(IsInProcMounts(mount.MountPoint));
        var process = mount.Ftpmount!;

        switch (ending)
        {
            case Ending.FtpmountUnmount or Ending.FtpmountUnmountOfBackgroundMount:
                var (exitCode, _, error) = await FtpmountBinary.RunAsync(
                    ["unmount", mount.MountPoint], new Dictionary<string, string>(), ExitDeadline, TestContext.Current.CancellationToken);
                Assert.True(exitCode == 0, $"ftpmount unmount exited {exitCode}: {error}");
                break;
            case Ending.FusermountFromOutside:
                await ExternalProgram.RunCheckedAsync("fusermount3", "-u", mount.MountPoint);
                break;
            case Ending.Sigterm:
                Assert.Equal(0, (await process.TerminateAsync()).ExitCode);
                break;
        }

        Assert.True(await process.WaitForExitAsync(ExitDeadline), $"ftpmount still runs {ExitDeadline} after {ending}. {mount.Describe()}");
        Assert.False(IsInProcMounts(mount.MountPoint), $"{mount.MountPoint} is still in /proc/mounts after {ending}.");
        Assert.False(mount.IsMounted);
        if (process.ExitCode is { } code)
        {
            Assert.True(code == 0, $"ftpmount -f exited {code} after {ending}. {mount.Describe()}");
        }

        // The mount point is an ordinary empty directory again.
        Assert.Empty(Directory.EnumerateFileSystemEntries(mount.MountPoint));
    }

    private static bool IsInProcMounts(string mountPoint) =>
        File.ReadAllLines("/proc/mounts").Any(line => line.Split(' ') is [_, var target, ..] && target == mountPoint);
}
