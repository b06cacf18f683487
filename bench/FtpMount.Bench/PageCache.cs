using FtpMount.Bench.Processes;

namespace FtpMount.Bench;

/// <summary>
/// Drops the kernel's page, dentry and inode caches before cold steps, then re-reads what the server side will
/// serve so that vsftpd answers from memory for both mounts alike. Containers often refuse drop_caches; then a
/// fresh mount is what makes a step cold (a new FUSE superblock starts with no cached pages or entries), and the
/// report says so.
/// </summary>
internal sealed class PageCache
{
    public bool? DropWorks { get; private set; }

    public async Task DropAsync(CancellationToken cancellationToken)
    {
        if (DropWorks == false)
        {
            return;
        }

        await CommandRunner.RunAsync("sync", [], TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);
        try
        {
            await File.WriteAllTextAsync("/proc/sys/vm/drop_caches", "3\n", cancellationToken).ConfigureAwait(false);
            DropWorks = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.WriteLine($"  note: cannot drop the page cache ({e.Message}); cold steps rely on fresh mounts");
            DropWorks = false;
        }
    }

    /// <summary>Reads files or trees so the server serves them from memory.</summary>
    public static Task WarmAsync(string path, CancellationToken cancellationToken) =>
        CommandRunner.ShellAsync(
            "if [ -d \"$1\" ]; then ls -lR \"$1\" > /dev/null; else cat \"$1\" > /dev/null; fi",
            [path],
            TimeSpan.FromMinutes(10),
            cancellationToken);
}
