using System.Diagnostics;
using FtpMount.Bench.Processes;

namespace FtpMount.Bench.Mounts;

/// <summary>
/// <c>ftpmount ftp://user@host:port/ MOUNTPOINT -f</c> with default options, or with <c>-o writeback</c> for the
/// variant measured next to rclone's own upload-after-close; the password travels in FTPMOUNT_PASSWORD, which only
/// root and the process itself can read. <paramref name="libfuse"/> (a folder) becomes its LD_LIBRARY_PATH, so it
/// loads that libfuse build; the report names the release either way.
/// </summary>
internal sealed class FtpMountTool(string binary, string build, IReadOnlyList<string> extraOptions, bool writeBack = false, string? libfuse = null)
    : MountTool
{
    public override string Key => writeBack ? "ftpmount-writeback" : "ftpmount";

    public override string DisplayName => writeBack ? "FtpMount -o writeback" : "FtpMount";

    public override bool WriteBack => writeBack;

    public override MountTool? WithFullCache(string cacheDirectory) =>
        writeBack ? null : new FtpMountTool(binary, build, [.. extraOptions, "cache=full", "cache_dir=" + cacheDirectory], libfuse: libfuse);

    public override async Task<string> DescribeAsync(CancellationToken cancellationToken)
    {
        var result = await CommandRunner.RunCheckedAsync(binary, ["--version"], TimeSpan.FromSeconds(30), cancellationToken)
            .ConfigureAwait(false);
        return $"{result.StandardOutput.Trim()} ({build}; {LibfuseRelease.Describe(libfuse)})";
    }

    protected override Task<ProcessStartInfo> CreateStartInfoAsync(
        FtpEndpoint endpoint, string mountPoint, string scratchDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(binary);
        start.ArgumentList.Add($"ftp://{endpoint.UserName}@{endpoint.Host}:{endpoint.Port}/");
        start.ArgumentList.Add(mountPoint);
        start.ArgumentList.Add("-f");
        start.ArgumentList.Add("-o");
        string[] variant = writeBack ? ["writeback"] : [];
        start.ArgumentList.Add(string.Join(',', ["spool_dir=" + Path.Combine(scratchDirectory, "spool"), .. variant, .. extraOptions]));
        start.Environment["FTPMOUNT_PASSWORD"] = endpoint.Password;
        if (libfuse is not null)
        {
            start.Environment["LD_LIBRARY_PATH"] = libfuse;
        }

        return Task.FromResult(start);
    }
}
