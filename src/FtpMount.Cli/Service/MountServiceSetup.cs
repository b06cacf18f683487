using FtpMount.Cli.Credentials;
using FtpMount.Cli.Mounting;
using FtpMount.Ftp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FtpMount.Cli.Service;

/// <summary>OS-independent part of the service: one <see cref="MountSupervisor"/> per configured mount.</summary>
internal static class MountServiceSetup
{
    public static void AddMountSupervisors(
        IServiceCollection services,
        string configDirectory,
        IMountRunner runner,
        Func<ConfiguredMount, FtpCredentials> resolveCredentials,
        RestartBackoff backoff)
    {
        ArgumentNullException.ThrowIfNull(services);
        var (mounts, errors) = MountConfigDirectory.Load(configDirectory);
        services.AddHostedService(provider => new ConfigurationReport(
            provider.GetRequiredService<ILoggerFactory>().CreateLogger("ftpmount.service"), configDirectory, mounts.Count, errors));
        foreach (var mount in mounts)
        {
            services.AddSingleton<IHostedService>(provider => new MountSupervisor(
                mount, runner, resolveCredentials, provider.GetRequiredService<ILoggerFactory>(), backoff, TimeProvider.System));
        }
    }

    /// <summary>A service has no terminal to prompt on: the Credential Manager, variables and files only.</summary>
    public static FtpCredentials ResolveWithoutPrompt(ConfiguredMount mount)
    {
        ArgumentNullException.ThrowIfNull(mount);
        var context = CredentialContext.FromProcess() with { Prompt = null };
        return new CredentialResolver(context).Resolve(mount.Request).Credentials;
    }

    private sealed class ConfigurationReport(ILogger logger, string directory, int mounts, IReadOnlyList<string> errors) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            foreach (var error in errors)
            {
                ServiceLog.ConfigSkipped(logger, error);
            }

            if (mounts == 0)
            {
                ServiceLog.NoMounts(logger, directory);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
