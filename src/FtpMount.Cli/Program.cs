using System.Globalization;
using FtpMount.Cli.Hosting;
using FtpMount.Cli.Mounting;

namespace FtpMount.Cli;

internal static class Program
{
    public static Task<int> Main(string[] args) =>
        new CliHost(CreateRunner(), Console.Out, Console.Error).RunAsync(args);

    /// <summary>The one place the integrator swaps in the real runner (core + FUSE).</summary>
    private static NotYetWiredMountRunner CreateRunner()
    {
        var hold = Environment.GetEnvironmentVariable(NotYetWiredMountRunner.HoldVariable);
        var milliseconds = int.TryParse(hold, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : 0;
        return new NotYetWiredMountRunner(TimeSpan.FromMilliseconds(milliseconds));
    }
}
