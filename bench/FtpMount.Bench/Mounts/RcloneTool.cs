using System.Diagnostics;
using System.Globalization;
using System.Text;
using FtpMount.Bench.Processes;

namespace FtpMount.Bench.Mounts;

/// <summary>
/// <c>rclone mount</c> with the FTP backend from a private rclone.conf (password obscured with
/// <c>rclone obscure -</c> read from stdin, so it never appears in ps). <c>--vfs-cache-mode writes</c> is what
/// rclone's documentation asks for when applications write files (tar sets times and modes on open files);
/// every other flag keeps rclone's defaults.
/// </summary>
/// <param name="fullCacheDirectory">
/// Set: <c>--vfs-cache-mode full</c> with its cache kept there across mounts (the persistent read cache workload).
/// </param>
internal sealed class RcloneTool(string? fullCacheDirectory = null) : MountTool
{
    private const string RemoteName = "benchftp";

    private string? _obscuredPassword;

    public override string Key => "rclone";

    public override string DisplayName => "rclone";

    public static IReadOnlyList<string> MountFlags => ["--vfs-cache-mode", "writes"];

    public override MountTool? WithFullCache(string cacheDirectory) => new RcloneTool(cacheDirectory);

    public override async Task<string> DescribeAsync(CancellationToken cancellationToken)
    {
        var result = await CommandRunner.RunCheckedAsync("rclone", ["version"], TimeSpan.FromSeconds(30), cancellationToken)
            .ConfigureAwait(false);
        return result.StandardOutput.Split('\n')[0].Trim();
    }

    protected override async Task<ProcessStartInfo> CreateStartInfoAsync(
        FtpEndpoint endpoint, string mountPoint, string scratchDirectory, CancellationToken cancellationToken)
    {
        _obscuredPassword ??= (await CommandRunner.RunCheckedAsync(
            "rclone", ["obscure", "-"], TimeSpan.FromSeconds(30), cancellationToken, standardInput: endpoint.Password + "\n")
            .ConfigureAwait(false)).StandardOutput.Trim();

        var config = Path.Combine(scratchDirectory, "rclone.conf");
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"[{RemoteName}]\n")
            .Append("type = ftp\n")
            .Append(CultureInfo.InvariantCulture, $"host = {endpoint.Host}\n")
            .Append(CultureInfo.InvariantCulture, $"port = {endpoint.Port}\n")
            .Append(CultureInfo.InvariantCulture, $"user = {endpoint.UserName}\n")
            .Append(CultureInfo.InvariantCulture, $"pass = {_obscuredPassword}\n")
            .ToString();
        await File.WriteAllTextAsync(config, string.Empty, cancellationToken).ConfigureAwait(false);
        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllTextAsync(config, text, cancellationToken).ConfigureAwait(false);

        var start = new ProcessStartInfo("rclone");
        foreach (var argument in (string[])[
            "mount", RemoteName + ":", mountPoint,
            "--config", config,
            "--cache-dir", fullCacheDirectory ?? Path.Combine(scratchDirectory, "cache"),
            .. fullCacheDirectory is null ? MountFlags : ["--vfs-cache-mode", "full"]])
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
