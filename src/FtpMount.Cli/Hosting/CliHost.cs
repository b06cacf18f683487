using System.Reflection;
using FtpMount.Cli.Config;
using FtpMount.Cli.Mounting;
using FtpMount.Cli.Options;

namespace FtpMount.Cli.Hosting;

/// <summary>Parses the command line and runs the command it names.</summary>
internal sealed class CliHost(IMountRunner runner, TextWriter output, TextWriter error)
{
    public static string Version =>
        typeof(CliHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        CliCommand command;
        try
        {
            var mountsDirectory = OperatingSystem.IsWindows()
                ? MountConfigFile.DefaultDirectory
                : MountConfigFile.DirectoryFor(Native.LibC.geteuid(), Environment.GetEnvironmentVariable);
            var expanded = ConfigArguments.Expand(args, Environment.CurrentDirectory, mountsDirectory);
            command = MountOptionsParser.Parse(expanded, Environment.CurrentDirectory);
        }
        catch (CommandLineException e)
        {
            await error.WriteLineAsync("ftpmount: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (ConfigFileException e)
        {
            await error.WriteLineAsync("ftpmount: " + e.Message).ConfigureAwait(false);
            return e.IsCredentialProblem ? ExitCodes.Credentials : ExitCodes.Usage;
        }

        switch (command)
        {
            case HelpCommand:
                await output.WriteAsync(UsageText.Help).ConfigureAwait(false);
                return ExitCodes.Success;
            case VersionCommand:
                await output.WriteLineAsync("ftpmount " + Version).ConfigureAwait(false);
                return ExitCodes.Success;
            case UnmountCommand unmount:
                return await UnmountAsync(unmount.MountPoint).ConfigureAwait(false);
            case StatusCommand status when OperatingSystem.IsLinux():
                using (var signals = new StopSignals())
                {
                    return await new Status.StatusClient(output, error).RunAsync(status, signals.Token).ConfigureAwait(false);
                }

            case DoctorCommand doctor:
                return await new Doctor.ServerDoctor(output, error).RunAsync(doctor.Request).ConfigureAwait(false);
            case CredentialSetCommand credential:
                return await new Credentials.CredentialSetter(
                    Credentials.CredentialContext.FromProcess().CredentialStore, Console.In, output, error).RunAsync(credential).ConfigureAwait(false);
            case ServiceCommand service:
                return await RunServiceAsync(service).ConfigureAwait(false);
            case MountCommand mount:
                return await new MountFlow(runner, error).RunAsync(mount.Request).ConfigureAwait(false);
            default:
                throw new InvalidOperationException($"Unhandled command {command}.");
        }
    }

    private async Task<int> RunServiceAsync(ServiceCommand command)
    {
        if (!OperatingSystem.IsWindows())
        {
            await error.WriteLineAsync(
                "ftpmount: service runs under the Windows service manager; on Linux use fstab or a systemd unit.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await Service.WindowsServiceHost.RunAsync(runner, command.ConfigDirectory).ConfigureAwait(false);
    }

    private async Task<int> UnmountAsync(string mountPoint)
    {
        using var signals = new StopSignals();
        try
        {
            await new Unmounter().UnmountAsync(mountPoint, signals.Token).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (MountpointException e)
        {
            await error.WriteLineAsync("ftpmount: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Mountpoint;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("ftpmount: Interrupted.").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
    }
}
