using System.Globalization;
using System.Text;
using FtpMount.Bench.Mounts;

namespace FtpMount.Bench.Results;

/// <summary>Writes results.md: how the run was made, then one table row per network and metric.</summary>
internal static class MarkdownReport
{
    public static string Render(RunDescription run, IReadOnlyList<ReportRow> rows, IReadOnlyList<Failure> failures)
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');

        Line("# FtpMount vs rclone mount: benchmark results");
        Line();
        Line(Invariant($"Run {run.Started:yyyy-MM-dd HH:mm} UTC, {run.Duration.TotalMinutes:0.0} min, with:"));
        Line();
        Line("```sh");
        Line(run.Command);
        Line("```");
        Line();
        Line($"- **Machine:** {run.Machine}");
        Line($"- **ftpmount:** {run.FtpMountVersion}; repository commit {run.GitCommit}");
        Line($"- **rclone:** {run.RcloneVersion}, `rclone mount` with `{string.Join(' ', RcloneTool.MountFlags)}`, all else default");
        Line($"- **sshfs:** {run.SshfsVersion}, `sshfs -f` with default options, from a private sshd on 127.0.0.1 serving the same folder as the FTP user; "
            + "only the ssh options it needs to run (`-F /dev/null`, port, key, known_hosts, `BatchMode`); at 40 ms RTT through a plain TCP relay with the same delay each way");
        Line($"- **Server:** one {run.VsftpdVersion} on 127.0.0.1 (FtpTestServer); latency through FtpProxy (plain FTP, delay each way, no bandwidth cap)");
        Line($"- **Direct download:** {run.CurlVersion}; **.NET:** {run.DotnetVersion}");
        if (rows.Any(r => r.Floor is not null))
        {
            Line("- **Least FUSE over FTP** (in the direct column): `bench/floor/ftp-floor-fs.c`, the least a FUSE "
                + "filesystem over FTP can do per byte with libfuse: one RETR, each read request's bytes taken from the data socket "
                + "straight into the reply, 1 MiB requests and ftpmount's kernel read-ahead; the part of the gap to the direct download "
                + "that any FUSE filesystem pays on this machine");
        }

        var sizes = string.Join("; ", run.Networks.Select(n => $"{n.Label}: `{n.Sizes}`"));
        Line(Invariant($"- **Repetitions:** {run.Repetitions}, medians reported; tools alternate which goes first. **Sizes:** {sizes}"));
        Line($"- **Cold steps:** fresh mount and fresh cache folder each time; {DropCachesText(run.DropCachesWorked)}");
        Line();

        Line("| network | workload | FtpMount | rclone | FtpMount / rclone | sshfs | FtpMount / sshfs | direct download | target (issues 4, 15) | met? |");
        Line("|---|---|--:|--:|--:|--:|--:|--:|---|---|");
        foreach (var row in rows)
        {
            var unit = row.Metric.Unit;
            string Value(double? v) => v is { } x ? $"{x.ToString(row.Metric.Format, CultureInfo.InvariantCulture)} {unit}" : "n/a";
            var direct = row.Direct is { } d
                ? $"{Value(d)} (FtpMount = {Times(row.RatioToDirect!.Value)})"
                : string.Empty;
            if (row.Floor is { } floor)
            {
                var against = row.FloorToDirect is { } toDirect ? $"{Times(toDirect)} direct, " : string.Empty;
                direct += $"<br>least FUSE over FTP: {Value(floor)} ({against}FtpMount = {Times(row.RatioToFloor!.Value)})";
            }

            var targets = string.Join("<br>", row.Targets.Select(t => t.Target.Text));
            var verdicts = string.Join("<br>", row.Targets.Select(t => Verdict(t.Target, t.Ratio)));
            Line($"| {row.Network.Label} | {row.Metric.Label(row.Network.Sizes)} | {Value(row.FtpMount)} | {Value(row.Rclone)} | "
                + $"{(row.Ratio is { } r ? Times(r) : "n/a")} | {Blank(row.Sshfs, x => Value(x))} | {Blank(row.RatioToSshfs, Times)} | {direct} | {targets} | {verdicts} |");
        }

        Line();
        Line("MB/s is 10⁶ bytes per second. For MB/s higher is better; for seconds, milliseconds and MiB lower is better. "
            + "Peak RSS is VmHWM of the mount process over the whole mount, read after the step. "
            + "rclone's \"until close returns\" and \"until tar exits\" figures do not include the upload, which "
            + "`--vfs-cache-mode writes` starts 5 s after close; the \"until on the server\" rows do, and the untar target is judged on them. "
            + "FtpMount by default returns from close() only once the file is on the server (or with the error); with `-o writeback` "
            + "it uploads after close as rclone does, and those rows compare that mode with the same rclone figures.");

        if (run.RcloneReadRetries.Count > 0)
        {
            var counts = string.Join(", ", run.RcloneReadRetries.Select(c => Invariant($"{c.Key.Network} {c.Key.Workload}: {c.Value}")));
            Line();
            Line("rclone 1.60 logged `ReadFileHandle.Read error: low level retry` lines (all repetitions together): " + counts + ". "
                + "They follow vsftpd's `426 Failure writing network stream` when rclone closes a download early (a seek, or the end of "
                + "a chunk), and its retries are part of rclone's read figures. rclone changed its handling of these 426 replies in "
                + "2023 (commit 0d8350d, \"fix 426 errors on downloads with vsftpd\"), after the 1.60 that Debian 12 ships.");
        }

        if (failures.Count > 0)
        {
            Line();
            Line("## Failed steps");
            Line();
            foreach (var failure in failures)
            {
                Line(Invariant($"- {failure.Network}, {failure.Workload}, {failure.Tool}, repetition {failure.Repetition}: {failure.Message.ReplaceLineEndings(" ")}"));
            }
        }

        return md.ToString();
    }

    /// <summary>The sshfs columns stay empty where sshfs has no figure (a variant's own row, a failed step, no sshd).</summary>
    private static string Blank(double? value, Func<double, string> format) => value is { } x ? format(x) : string.Empty;

    private static string Verdict(Target target, double? ratio) => ratio is not { } r
        ? "not measured"
        : target.IsMet(r)
            ? $"met ({Times(r)})"
            : $"**missed** ({Times(r)})";

    private static string DropCachesText(bool? worked) => worked switch
    {
        true => "page cache dropped (`echo 3 > /proc/sys/vm/drop_caches`) before each, then the server-side input re-read so vsftpd serves from memory",
        false => "dropping the page cache was refused here, so cold means a fresh mount only (a new FUSE superblock caches nothing)",
        null => "page cache not touched",
    };

    /// <summary>A ratio with two decimals, or two significant digits below 0.1 so that small ratios do not read as 0.00×.</summary>
    public static string Times(double ratio) =>
        (ratio >= 0.1 ? ratio.ToString("0.00", CultureInfo.InvariantCulture) : ratio.ToString("G2", CultureInfo.InvariantCulture)) + "×";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
