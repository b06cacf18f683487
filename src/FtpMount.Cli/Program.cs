using FtpMount.Cli.Hosting;
using FtpMount.Cli.Mounting;

namespace FtpMount.Cli;

internal static class Program
{
    public static Task<int> Main(string[] args) =>
        new CliHost(CreateRunner(), Console.Out, Console.Error).RunAsync(args);

    private static IMountRunner CreateRunner()
    {
        if (OperatingSystem.IsWindows())
        {
            return new DokanMountRunner();
        }

        return OperatingSystem.IsLinux() ? new FuseMountRunner() : new UnsupportedPlatformMountRunner();
    }
}
