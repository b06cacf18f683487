using System.Diagnostics;

namespace FtpMount.Bench.Mounts;

/// <summary>One FUSE client under test (ftpmount or rclone mount): how to start it in the foreground on a mount point.</summary>
internal abstract class MountTool
{
    /// <summary>How long a mount gets to appear in the mount table.</summary>
    public static readonly TimeSpan MountDeadline = TimeSpan.FromSeconds(30);

    /// <summary>Short name used in file names and results ("ftpmount", "rclone").</summary>
    public abstract string Key { get; }

    /// <summary>Name in the report ("FtpMount", "rclone").</summary>
    public abstract string DisplayName { get; }

    /// <summary>FtpMount with <c>-o writeback</c>: runs only the workloads whose figures it changes (untar).</summary>
    public virtual bool WriteBack => false;

    /// <summary>
    /// The same tool with its persistent read cache on and kept in <paramref name="cacheDirectory"/> across mounts
    /// (ftpmount <c>-o cache=full</c>, rclone <c>--vfs-cache-mode full</c>); null for a variant that has none.
    /// </summary>
    public virtual MountTool? WithFullCache(string cacheDirectory) => null;

    /// <summary>Version line for the report.</summary>
    public abstract Task<string> DescribeAsync(CancellationToken cancellationToken);

    /// <summary>The foreground command that mounts <paramref name="endpoint"/> on <paramref name="mountPoint"/>.</summary>
    protected abstract Task<ProcessStartInfo> CreateStartInfoAsync(
        FtpEndpoint endpoint, string mountPoint, string scratchDirectory, CancellationToken cancellationToken);

    /// <summary>
    /// Text that only the command lines of this mount's helper processes contain, so that their peak memory counts
    /// with the mount's: sshfs starts ssh detached (a grandchild it does not wait for), no child of the mount
    /// process. None by default.
    /// </summary>
    protected virtual string? HelperProcessMarker(string scratchDirectory) => null;

    /// <summary>Starts the mount and waits until the kernel lists it and its root answers.</summary>
    public async Task<RunningMount> MountAsync(
        FtpEndpoint endpoint, string mountPoint, string scratchDirectory, string pidDirectory, string logFile, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(mountPoint);
        Directory.CreateDirectory(scratchDirectory);
        if (MountTable.IsMounted(mountPoint))
        {
            throw new InvalidOperationException($"{mountPoint} is still mounted from an earlier step.");
        }

        var start = await CreateStartInfoAsync(endpoint, mountPoint, scratchDirectory, cancellationToken).ConfigureAwait(false);
        var mount = RunningMount.Start(DisplayName, start, mountPoint, pidDirectory, logFile, HelperProcessMarker(scratchDirectory));
        try
        {
            var deadline = Stopwatch.StartNew();
            while (!MountTable.IsMounted(mountPoint))
            {
                if (mount.HasExited)
                {
                    throw new InvalidOperationException(
                        $"{DisplayName} exited with {mount.ExitCode} before mounting {mountPoint}: {mount.RecentOutput()}");
                }

                if (deadline.Elapsed > MountDeadline)
                {
                    throw new TimeoutException(
                        $"{DisplayName} did not mount {mountPoint} within {MountDeadline.TotalSeconds:0} s: {mount.RecentOutput()}");
                }

                await Task.Delay(25, cancellationToken).ConfigureAwait(false);
            }

            // The root answering a stat proves the filesystem serves requests, not just that the kernel mount exists.
            // A stat, not a listing: cold workloads must find every directory cache empty.
            try
            {
                await Task.Run(() => File.GetAttributes(mountPoint), cancellationToken)
                    .WaitAsync(MountDeadline, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                // sshfs, say, lists its mount before its login fails: its own output says why.
                throw new InvalidOperationException(
                    $"{DisplayName} mounted {mountPoint} but its root does not answer ({e.Message}): {mount.RecentOutput()}", e);
            }

            return mount;
        }
        catch
        {
            await mount.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
