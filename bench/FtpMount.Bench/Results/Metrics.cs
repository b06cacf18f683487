using System.Globalization;

namespace FtpMount.Bench.Results;

/// <summary>Every metric the harness records, in report order.</summary>
internal static class Metrics
{
    public static readonly Metric SequentialRead = new("seq_read", "MB/s", true, "0.0", s => $"sequential read, {MiB(s.BigFileBytes)} (dd)");
    public static readonly Metric SequentialReadCpu = new(
        "seq_read_cpu", "CPU s/GiB", false, "0.00", s => "sequential read: CPU seconds per GiB of the mount process (direct: curl's)");

    public static readonly Metric SequentialWriteClose = new("seq_write_close", "MB/s", true, "0.0", s => $"sequential write, {MiB(s.BigFileBytes)} (dd, until close returns)");
    public static readonly Metric SequentialWriteServer = new("seq_write_server", "MB/s", true, "0.0", s => $"sequential write, {MiB(s.BigFileBytes)} (until complete on the server)");
    public static readonly Metric LsCold = new("ls_cold", "s", false, "0.00", s => $"ls -lR cold, {Tree(s)}");
    public static readonly Metric LsWarm = new("ls_warm", "s", false, "0.000", s => $"ls -lR warm, {Tree(s)}");
    public static readonly Metric LsHot = new("ls_hot", "s", false, "0.000", s => $"ls -lR hot (again at once), {Tree(s)}");
    public static readonly Metric FindCold = new("find_cold", "s", false, "0.00", s => $"find cold, {Tree(s)}");
    public static readonly Metric FindWarm = new("find_warm", "s", false, "0.000", s => $"find warm, {Tree(s)}");
    public static readonly Metric FindHot = new("find_hot", "s", false, "0.000", s => $"find hot (again at once), {Tree(s)}");
    public static readonly Metric UntarClose = new("untar_close", "s", false, "0.00", s => $"untar {s.TarFiles} small files (until tar exits)");
    public static readonly Metric UntarServer = new("untar_server", "s", false, "0.00", s => $"untar {s.TarFiles} small files (until all on the server)");
    public static readonly Metric UntarCloseWriteBack = new(
        "untar_close_wb", "s", false, "0.00", s => $"untar {s.TarFiles} small files, FtpMount `-o writeback` (until tar exits)", UntarClose);

    public static readonly Metric UntarServerWriteBack = new(
        "untar_server_wb", "s", false, "0.00", s => $"untar {s.TarFiles} small files, FtpMount `-o writeback` (until all on the server)", UntarServer);

    public static readonly Metric UntarCommands = new(
        "untar_commands", "per file", false, "0.0", s => $"untar {s.TarFiles} small files: FTP commands per file (counted by the proxy)");

    public static readonly Metric UntarRoundTrips = new(
        "untar_round_trips", "per file", false, "0.0", s => $"untar {s.TarFiles} small files: FTP command round trips per file (proxy)");

    public static readonly Metric RandomRead = new("random_read", "ms", false, "0.00", s => $"random 4 KiB read, median of {s.RandomReads}");
    public static readonly Metric RandomReadP90 = new("random_read_p90", "ms", false, "0.00", s => $"random 4 KiB read, 90th percentile of {s.RandomReads}");
    public static readonly Metric CachedReadFirst = new(
        "cached_read_first", "MB/s", true, "0.0", s => $"persistent read cache: first read, {MiB(s.BigFileBytes)} (direct: local disk)");

    public static readonly Metric CachedReadSecond = new(
        "cached_read_second", "MB/s", true, "0.0", s => $"persistent read cache: second read, same mount (direct: local disk)");

    public static readonly Metric CachedReadRemount = new(
        "cached_read_remount", "MB/s", true, "0.0", s => $"persistent read cache: read after a remount (direct: local disk)");

    public static readonly Metric PeakRssRead = new("rss_read", "MiB", false, "0.0", s => "peak RSS of the mount process during sequential read");
    public static readonly Metric PeakRssWrite = new("rss_write", "MiB", false, "0.0", s => "peak RSS of the mount process during sequential write");

    public static readonly IReadOnlyList<Metric> All =
    [
        SequentialRead, SequentialReadCpu, SequentialWriteClose, SequentialWriteServer, LsCold, LsWarm, LsHot, FindCold, FindWarm, FindHot,
        UntarClose, UntarServer, UntarCloseWriteBack, UntarServerWriteBack, UntarCommands, UntarRoundTrips, RandomRead, RandomReadP90,
        CachedReadFirst, CachedReadSecond, CachedReadRemount, PeakRssRead, PeakRssWrite,
    ];

    private static string MiB(long bytes) => bytes % (1024L * 1024 * 1024) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024L * 1024 * 1024)} GiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MiB");

    private static string Tree(WorkloadSizes s) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.TreeDirectories:N0} dirs × {s.TreeFilesPerDirectory} files");
}
