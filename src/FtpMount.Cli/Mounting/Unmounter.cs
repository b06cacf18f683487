using FtpMount.Cli.Native;

namespace FtpMount.Cli.Mounting;

/// <summary>
/// <c>ftpmount unmount MOUNTPOINT</c>: <c>fusermount3 -u</c>, which any user may run on their own FUSE mounts;
/// as root, <c>umount</c> when fusermount3 is missing or fails.
/// </summary>
internal sealed class Unmounter(string mountInfoPath = MountTable.SelfMountInfo)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>Throws <see cref="MountpointException"/> with one sentence when it is not mounted or unmounting fails.</summary>
    public async Task UnmountAsync(string mountPoint, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(mountPoint);
        var mounts = MountTable.Read(mountInfoPath);
        var entry = MountTable.Find(mounts, mountPoint)
            ?? (LibC.RealPath(mountPoint) is { } canonical ? MountTable.Find(mounts, canonical) : null)
            ?? throw new MountpointException($"{mountPoint} is not mounted.");
        if (!entry.FileSystemType.StartsWith("fuse", StringComparison.Ordinal))
        {
            throw new MountpointException(
                $"{entry.MountPoint} is a {entry.FileSystemType} mount, not an ftpmount (FUSE) mount; use umount for it.");
        }

        var fusermount = await ExternalCommand.RunAsync("fusermount3", ["-u", entry.MountPoint], Timeout, cancel).ConfigureAwait(false);
        if (fusermount is (0, _))
        {
            return;
        }

        if (LibC.geteuid() == 0)
        {
            var umount = await ExternalCommand.RunAsync("umount", [entry.MountPoint], Timeout, cancel).ConfigureAwait(false);
            if (umount is (0, _))
            {
                return;
            }

            throw new MountpointException($"Unmounting {entry.MountPoint} failed: {Describe("umount", umount)}");
        }

        throw new MountpointException($"Unmounting {entry.MountPoint} failed: {Describe("fusermount3", fusermount)}");
    }

    private static string Describe(string tool, (int ExitCode, string Error)? result) => result switch
    {
        null => $"{tool} is not installed (package fuse3).",
        var (code, error) when error.Length > 0 => $"{tool}: {error.ReplaceLineEndings(" ")}",
        var (code, _) => $"{tool} exited with code {code}.",
    };
}
