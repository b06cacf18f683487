using FtpMount.Cli.Options;

namespace FtpMount.Cli.Service;

/// <summary>
/// Every <c>*.conf</c> in the mount directory (<c>%ProgramData%\FtpMount\mounts.d</c> by default), in file name
/// order. A bad file is reported and skipped: one typo must not keep the other drives from mounting.
/// </summary>
internal static class MountConfigDirectory
{
    public static string Default =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "FtpMount", "mounts.d");

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
                var config = MountConfigFile.Parse(File.ReadAllText(file), name);
                var command = MountOptionsParser.Parse(config.ToArguments(), directory);
                if (command is not MountCommand mount)
                {
                    throw new InvalidDataException($"{name}: does not describe a mount.");
                }

                mounts.Add(new ConfiguredMount(name, mount.Request));
            }
            catch (Exception e) when (e is InvalidDataException or CommandLineException or IOException or UnauthorizedAccessException)
            {
                errors.Add(e is CommandLineException ? $"{name}: {e.Message}" : e.Message);
            }
        }

        return (mounts, errors);
    }
}
