using System.Runtime.Versioning;
using FtpMount.Cli.Hosting;
using FtpMount.Cli.Mounting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FtpMount.Cli.Service;

/// <summary>
/// <c>ftpmount service</c>: the Windows service (also runnable from a console for a test), mounting every file in
/// <c>%ProgramData%\FtpMount\mounts.d</c>. The service manager's stop unmounts all of them.
/// </summary>
[SupportedOSPlatform("windows")]
internal static class WindowsServiceHost
{
    public const string ServiceName = "FtpMount";

    public static async Task<int> RunAsync(IMountRunner runner, string? configDirectory)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddWindowsService(options => options.ServiceName = ServiceName);
        // Uploads still spooled at stop need time to reach the server before the volume goes.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromMinutes(2));
        MountServiceSetup.AddMountSupervisors(
            builder.Services, configDirectory ?? MountConfigDirectory.Default, runner, MountServiceSetup.ResolveWithoutPrompt, new RestartBackoff());
        using var host = builder.Build();
        await host.RunAsync().ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
