using System.Diagnostics;
using System.Globalization;

namespace FtpMount.Bench.Mounts;

/// <summary>
/// bench/floor/ftp-floor-fs.c: the least a FUSE filesystem over FTP can do per byte with libfuse (one RETR, each
/// read request's bytes taken from the data socket straight into the reply, 1 MiB requests, ftpmount's kernel
/// read-ahead). Its sequential read is the yardstick that says how much of the gap between ftpmount and a direct
/// download is FUSE's own cost on this machine. It serves one file, <paramref name="serverFile"/>, as "f" at its
/// root; the password travels in its environment, never on its command line.
/// </summary>
internal sealed class FloorFsTool(string binary, string serverFile, long size) : MountTool
{
    /// <summary>ftpmount's default read_ahead_kb (FuseMountOptions.ReadAheadKib), so both get the same kernel requests.</summary>
    private const int ReadAheadKib = 4096;

    public override string Key => "floor";

    public override string DisplayName => "least FUSE over FTP (bench/floor, C)";

    /// <summary>The name the file has inside the mount.</summary>
    public static string MountedName => "f";

    public override Task<string> DescribeAsync(CancellationToken cancellationToken) => Task.FromResult(DisplayName);

    protected override Task<ProcessStartInfo> CreateStartInfoAsync(
        FtpEndpoint endpoint, string mountPoint, string scratchDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(binary);
        start.ArgumentList.Add(mountPoint);
        start.ArgumentList.Add("-f");
        start.Environment["FLOOR_HOST"] = endpoint.Host;
        start.Environment["FLOOR_PORT"] = endpoint.Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["FLOOR_USER"] = endpoint.UserName;
        start.Environment["FLOOR_PASSWORD"] = endpoint.Password;
        start.Environment["FLOOR_FILE"] = serverFile;
        start.Environment["FLOOR_SIZE"] = size.ToString(CultureInfo.InvariantCulture);
        start.Environment["FLOOR_READ_AHEAD_KIB"] = ReadAheadKib.ToString(CultureInfo.InvariantCulture);
        return Task.FromResult(start);
    }
}
