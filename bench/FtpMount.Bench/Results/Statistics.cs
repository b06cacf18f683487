namespace FtpMount.Bench.Results;

internal static class Statistics
{
    public static double? Median(List<double> values) => Percentile(values, 0.5);

    /// <summary>Nearest-rank on the sorted values, averaging the two middle ones for an even-sized median.</summary>
    public static double? Percentile(List<double> values, double fraction)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        if (fraction == 0.5 && values.Count % 2 == 0)
        {
            return (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
        }

        var index = (int)Math.Ceiling(fraction * values.Count) - 1;
        return values[Math.Clamp(index, 0, values.Count - 1)];
    }
}
