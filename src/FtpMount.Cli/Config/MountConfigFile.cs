using FtpMount.Cli.Credentials;

namespace FtpMount.Cli.Config;

/// <summary>Loads a mount config file from disk and checks the password file it names.</summary>
internal static class MountConfigFile
{
    /// <summary>Where <c>ftpmount mount-config NAME</c> and the systemd unit <c>ftpmount@NAME</c> look for NAME.conf.</summary>
    public static string DefaultDirectory { get; } = OperatingSystem.IsWindows()
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "FtpMount", "mounts.d")
        : "/etc/ftpmount/mounts.d";

    /// <summary>
    /// Where <c>ftpmount mount-config NAME</c> looks: <see cref="DefaultDirectory"/> for root and on Windows; for a
    /// normal user <c>$XDG_CONFIG_HOME/ftpmount/mounts.d</c> (<c>~/.config/ftpmount/mounts.d</c>), the folder the
    /// systemd user unit <c>ftpmount@NAME</c> reads.
    /// </summary>
    public static string DirectoryFor(uint uid, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (OperatingSystem.IsWindows() || uid == 0)
        {
            return DefaultDirectory;
        }

        // The XDG base directory spec: a relative value is invalid and ignored.
        var config = environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(environment("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(config, "ftpmount", "mounts.d");
    }

    /// <summary>A config is a handful of lines; anything this large is the wrong file.</summary>
    private const long MaxBytes = 64 * 1024;

    /// <param name="path">Absolute path of the file.</param>
    /// <param name="checkPasswordFile">
    /// Whether the file named by <c>password_file</c> must exist and be private (mode 0600), as the command line's
    /// <c>password_file=</c> must. Unmounting does not read the password, so it does not check.
    /// </param>
    public static MountConfig Load(string path, bool checkPasswordFile)
    {
        ArgumentNullException.ThrowIfNull(path);
        var config = MountConfigParser.Parse(path, ReadText(path), OperatingSystem.IsWindows());
        if (checkPasswordFile && config.PasswordFile is { } passwordFile)
        {
            try
            {
                SecretFile.RequirePrivate(passwordFile.Value, MountConfigParser.PasswordFileKey);
            }
            catch (CredentialException e)
            {
                throw new ConfigFileException(
                    $"{path}:{passwordFile.Line}: key \"{MountConfigParser.PasswordFileKey}\": {e.Message}", isCredentialProblem: true);
            }
        }

        return config;
    }

    private static string ReadText(string path)
    {
        if (Directory.Exists(path))
        {
            throw new ConfigFileException($"{path}: is a directory, not a config file.");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > MaxBytes)
            {
                throw new ConfigFileException($"{path}: is larger than {MaxBytes / 1024} KiB; a mount config is a few lines.");
            }

            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConfigFileException($"{path}: no such config file.");
        }
        catch (UnauthorizedAccessException)
        {
            throw new ConfigFileException($"{path}: permission denied reading the config file.");
        }
        catch (IOException e)
        {
            throw new ConfigFileException($"{path}: cannot read the config file: {e.Message}");
        }
    }
}
