using System.Globalization;
using System.Runtime.InteropServices;
using FtpMount.Bench.Processes;

namespace FtpMount.Bench;

/// <summary>Facts about the machine and the programs measured, for the report.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var cpu = ReadField("/proc/cpuinfo", "model name") ?? "unknown CPU";
        var memoryKiB = ReadField("/proc/meminfo", "MemTotal")?.Split(' ')[0];
        var memory = long.TryParse(memoryKiB, NumberStyles.None, CultureInfo.InvariantCulture, out var kib)
            ? string.Create(CultureInfo.InvariantCulture, $"{kib / 1024.0 / 1024.0:0.0} GiB RAM")
            : "unknown RAM";
        var kernel = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        var os = ReadField("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription;
        return string.Create(CultureInfo.InvariantCulture, $"{cpu}, nproc {Environment.ProcessorCount}, {memory}, kernel {kernel}, {os}");
    }

    public static async Task<string> GitCommitAsync(string repository, CancellationToken cancellationToken)
    {
        var head = await CommandRunner.RunAsync("git", ["-C", repository, "rev-parse", "HEAD"], TimeSpan.FromSeconds(30), cancellationToken)
            .ConfigureAwait(false);
        if (!head.Succeeded)
        {
            return "unknown";
        }

        var status = await CommandRunner.RunAsync(
            "git", ["-C", repository, "status", "--porcelain", "--untracked-files=no", "--", "src"], TimeSpan.FromSeconds(30), cancellationToken)
            .ConfigureAwait(false);
        var dirty = status.Succeeded && status.StandardOutput.Trim().Length > 0 ? " (src/ has uncommitted changes)" : string.Empty;
        return head.StandardOutput.Trim()[..12] + dirty;
    }

    /// <summary>The Debian package version from the unpacked vsftpd's changelog ("vsftpd 3.0.3-13+b2").</summary>
    public static async Task<string> VsftpdVersionAsync(CancellationToken cancellationToken)
    {
        var root = Environment.GetEnvironmentVariable("FTPMOUNT_TEST_SERVERS") ?? "/var/cache/ftpmount-test-servers";
        var changelog = Path.Combine(root, "usr/share/doc/vsftpd/changelog.Debian.gz");
        if (File.Exists(changelog))
        {
            var head = await CommandRunner.ShellAsync("gzip -dc \"$1\" | head -n 1", [changelog], TimeSpan.FromSeconds(30), cancellationToken)
                .ConfigureAwait(false);
            var line = head.StandardOutput.Trim();
            var open = line.IndexOf('(', StringComparison.Ordinal);
            var close = line.IndexOf(')', StringComparison.Ordinal);
            if (open > 0 && close > open)
            {
                return $"vsftpd {line[(open + 1)..close]}";
            }
        }

        return "vsftpd (version unknown)";
    }

    /// <summary>The first two words of a program's version output ("curl 7.88.1").</summary>
    public static async Task<string> VersionAsync(string fileName, string argument, CancellationToken cancellationToken)
    {
        var result = await CommandRunner.RunAsync(fileName, [argument], TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        return result.Succeeded
            ? string.Join(' ', result.StandardOutput.Split('\n')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2))
            : $"{fileName} (version unknown)";
    }

    /// <summary>The 1, 5 and 15 minute load averages: other work on the machine skews every figure.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static string? ReadField(string path, string name, char separator = ':')
    {
        foreach (var line in File.ReadLines(path))
        {
            var at = line.IndexOf(separator, StringComparison.Ordinal);
            if (at > 0 && line[..at].Trim() == name)
            {
                return line[(at + 1)..].Trim();
            }
        }

        return null;
    }
}
