using System.Text.Json;

namespace FtpMount.Bench.Results;

/// <summary>results.json: every raw sample, the medians and the chart bars that bench/chart.py draws.</summary>
internal static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static string Render(RunDescription run, IReadOnlyList<ReportRow> rows, ResultsRecorder recorder)
    {
        var document = new
        {
            command = run.Command,
            started = run.Started,
            machine = run.Machine,
            ftpmount = run.FtpMountVersion,
            rclone = run.RcloneVersion,
            sshfs = run.SshfsVersion,
            server = run.VsftpdVersion,
            repetitions = run.Repetitions,
            networks = run.Networks.Select(n => new { name = n.Name, label = n.Label, sizes = n.Sizes.ToString() }),
            medians = rows.Select(r => new
            {
                network = r.Network.Name,
                metric = r.Metric.Key,
                label = r.Metric.Label(r.Network.Sizes),
                unit = r.Metric.Unit,
                ftpmount = r.FtpMount,
                rclone = r.Rclone,
                direct = r.Direct,
                ratio = r.Ratio,
                sshfs = r.Sshfs,
                ratio_sshfs = r.RatioToSshfs,
                floor = r.Floor,
                ratio_floor = r.RatioToFloor,
                targets = r.Targets.Select(t => new { text = t.Target.Text, ratio = t.Ratio, met = t.Ratio is { } x ? t.Target.IsMet(x) : (bool?)null }),
            }),
            chart = rows.SelectMany(ChartBar.From).Select(b => new
            {
                network = b.Network,
                label = b.Label,
                baseline = b.Baseline,
                advantage = b.Advantage,
                target = b.TargetAdvantage,
                met = b.Met,
            }),
            samples = recorder.Samples,
            failures = recorder.Failures,
        };
        return JsonSerializer.Serialize(document, Options);
    }
}
