using FtpMount.Cli.Config;
using FtpMount.Cli.Options;

namespace FtpMount.Cli.Service;

/// <summary>
/// Every <c>*.conf</c> in the mount directory (<c>%ProgramData%\FtpMount\mounts.d</c> by default), in file name
/// order, read by the same <see cref="MountConfigFile"/> as <c>ftpmount --config</c>: the same keys (url, mountpoint,
/// options, password_file), the same checks and messages. A bad file is reported and skipped: one typo must not keep
/// the other drives from mounting.
/// </summary>
internal static class MountConfigDirectory
{
    public static string Default => MountConfigFile.DefaultDirectory;

    public static (IReadOnlyList<ConfiguredMount> Mounts, IReadOnlyList<string> Errors) Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var mounts = new List<ConfiguredMount>();
        var errors = new List<string>();
        if (!Directory.Exists(directory))
        {
            errors.Add($"Mount directory {directory} does not exist; create it and add one NAME.conf per mount.");
            return (mounts, errors);
        }

        var files = Directory.GetFiles(directory, "*.conf");
        Array.Sort(files, StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            try
            {
                // The password file is read (and its mode checked) by the credential resolver on every attempt, so
                // a file fixed or made available later is picked up by the supervisor's next try without a restart.
                var config = MountConfigFile.Load(Path.GetFullPath(file), checkPasswordFile: false);

                // A service mount always stays in the foreground: the supervisor owns its lifetime.
                var command = MountOptionsParser.Parse([.. config.ToArguments(), "-f"], directory);
                if (command is not MountCommand mount)
                {
                    throw new ConfigFileException($"{file}: does not describe a mount.");
                }

                mounts.Add(new ConfiguredMount(name, mount.Request));
            }
            catch (ConfigFileException e)
            {
                // The message starts with the file's path and line and never holds a password.
                errors.Add(e.Message);
            }
            catch (CommandLineException e)
            {
                errors.Add($"{file}: {e.Message}");
            }
        }

        return (mounts, errors);
    }
}
