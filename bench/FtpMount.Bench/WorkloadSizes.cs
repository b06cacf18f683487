using System.Globalization;

namespace FtpMount.Bench;

/// <summary>
/// How big each workload is on one network. Written and parsed as "big=1024M,tree=1000x10,tar=2000,random=1000"
/// so bench/run.sh can override any part of it.
/// </summary>
internal sealed record WorkloadSizes(long BigFileBytes, int TreeDirectories, int TreeFilesPerDirectory, int TarFiles, int RandomReads)
{
    public const long MiB = 1024 * 1024;

    public int TreeEntries => TreeDirectories * (TreeFilesPerDirectory + 1);

    public WorkloadSizes With(string overrides)
    {
        var sizes = this;
        foreach (var part in overrides.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"Size override \"{part}\" is not NAME=VALUE (big=, tree=, tar=, random=).");
            }

            var name = part[..equals];
            var value = part[(equals + 1)..];
            sizes = name switch
            {
                "big" => sizes with { BigFileBytes = ParseMiB(name, value) * MiB },
                "tree" => ParseTree(sizes, value),
                "tar" => sizes with { TarFiles = ParseCount(name, value) },
                "random" => sizes with { RandomReads = ParseCount(name, value) },
                _ => throw new ArgumentException($"Unknown size \"{name}\" in \"{part}\": use big=, tree=, tar= or random=."),
            };
        }

        return sizes;
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"big={BigFileBytes / MiB}M,tree={TreeDirectories}x{TreeFilesPerDirectory},tar={TarFiles},random={RandomReads}");

    private static WorkloadSizes ParseTree(WorkloadSizes sizes, string value)
    {
        var parts = value.Split('x');
        if (parts.Length != 2)
        {
            throw new ArgumentException($"tree={value} is not DIRECTORIESxFILES (e.g. tree=1000x10).");
        }

        return sizes with { TreeDirectories = ParseCount("tree", parts[0]), TreeFilesPerDirectory = ParseCount("tree", parts[1]) };
    }

    private static long ParseMiB(string name, string value)
    {
        var digits = value.EndsWith('M') ? value[..^1] : value;
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var mib) || mib is < 1 or > 65_536)
        {
            throw new ArgumentException($"{name}={value} is not a size in MiB between 1M and 65536M.");
        }

        return mib;
    }

    private static int ParseCount(string name, string value)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > 1_000_000)
        {
            throw new ArgumentException($"{name}={value} is not a count between 1 and 1000000.");
        }

        return count;
    }
}
