namespace FtpMount.Cli.Doctor;

/// <summary>Lines of a doctor run: what was found, and advice for each problem.</summary>
internal sealed class DoctorReport(TextWriter output)
{
    public int Problems { get; private set; }

    public void Found(string topic, string finding) => output.WriteLine($"  {topic,-22} {finding}");

    public void Problem(string topic, string finding, string advice)
    {
        Problems++;
        output.WriteLine($"! {topic,-22} {finding}");
        output.WriteLine($"  {string.Empty,-22} advice: {advice}");
    }

    public void Heading(string text) => output.WriteLine(text);
}
