namespace FtpMount.Bench.Results;

/// <summary>Collects samples and failures as the run goes; medians are taken over repetitions.</summary>
internal sealed class ResultsRecorder
{
    private readonly List<Sample> _samples = [];
    private readonly List<Failure> _failures = [];

    public IReadOnlyList<Sample> Samples => _samples;

    public IReadOnlyList<Failure> Failures => _failures;

    public void Record(string network, Metric metric, string tool, int repetition, double value)
    {
        _samples.Add(new Sample(network, metric.Key, tool, repetition, value));
        Console.WriteLine($"    {tool,-8} {metric.Key,-18} {value.ToString(metric.Format, System.Globalization.CultureInfo.InvariantCulture)} {metric.Unit}");
    }

    public void Fail(string network, string workload, string tool, int repetition, string message)
    {
        _failures.Add(new Failure(network, workload, tool, repetition, message));
        Console.WriteLine($"    {tool,-8} FAILED {workload}: {message}");
    }

    public double? Median(string network, Metric metric, string tool)
    {
        var values = new List<double>();
        foreach (var sample in _samples)
        {
            if (sample.Network == network && sample.Metric == metric.Key && sample.Tool == tool)
            {
                values.Add(sample.Value);
            }
        }

        return Statistics.Median(values);
    }
}
