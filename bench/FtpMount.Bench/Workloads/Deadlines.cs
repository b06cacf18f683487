namespace FtpMount.Bench.Workloads;

/// <summary>Step deadlines generous enough for a slow mount at 40 ms RTT, tight enough that a hang ends the step.</summary>
internal static class Deadlines
{
    /// <summary>A minute plus the time to move <paramref name="bytes"/> at 2 MB/s.</summary>
    public static TimeSpan ForBytes(long bytes) => TimeSpan.FromSeconds(60 + (bytes / 2_000_000.0));

    /// <summary>A minute plus a second per entry touched.</summary>
    public static TimeSpan ForEntries(int entries) => TimeSpan.FromSeconds(60 + entries);
}
