using System.Globalization;
using FtpMount.Cli.Options;

namespace FtpMount.Cli.Config;

/// <summary>
/// Reads the text of a mount config file: one <c>key = value</c> per line, blank lines and lines starting with
/// <c>#</c> or <c>;</c> ignored, keys <c>url</c>, <c>mountpoint</c>, <c>options</c>, <c>password_file</c>. Values are
/// taken literally up to the end of the line (no quoting, no inline comments: <c>#</c> may be part of a path).
/// Every error names the file, the line and the key; values are never echoed where they could be a secret.
/// </summary>
/// <remarks>
/// The same shape as <c>/etc/fstab</c> options or systemd's environment files, so it is written by hand or by an
/// installer without a library; the <c>options</c> value uses exactly the <c>-o</c> syntax of the command line.
/// </remarks>
internal static class MountConfigParser
{
    public const string UrlKey = "url";
    public const string MountPointKey = "mountpoint";
    public const string OptionsKey = "options";
    public const string PasswordFileKey = "password_file";

    private static readonly string[] Keys = [UrlKey, MountPointKey, OptionsKey, PasswordFileKey];

    private static readonly string[] PasswordKeys = ["password", "pass", "passwd"];

    /// <param name="filePath">Used in messages only.</param>
    /// <param name="text">The file's text (UTF-8, LF or CRLF, a leading BOM allowed).</param>
    /// <param name="allowDriveLetters">Accept <c>X:</c> as a mount point (Windows drive letters for Dokan).</param>
    public static MountConfig Parse(string filePath, string text, bool allowDriveLetters)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var lineNumber = index + 1;
            var line = lines[index].TrimEnd('\r');
            if (index == 0)
            {
                line = line.TrimStart('\uFEFF');
            }

            line = line.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                // The line itself is not shown: a mistyped "password secret" must not end up in a log.
                throw new ConfigFileException(
                    $"{At(filePath, lineNumber)} expected \"key = value\" (keys: {string.Join(", ", Keys)}); comments start with #.");
            }

            var key = line[..equals].Trim().ToLowerInvariant();
            var value = line[(equals + 1)..].Trim();
            Add(values, filePath, lineNumber, key, value);
        }

        var url = Require(values, filePath, UrlKey, "the FTP URL to mount, e.g. url = ftp://alice@example.org/pub");
        var mountPoint = Require(values, filePath, MountPointKey, "the absolute path to mount on, e.g. mountpoint = /mnt/pub");
        CheckUrl(filePath, url);
        CheckAbsolute(filePath, MountPointKey, mountPoint, allowDriveLetters);
        var passwordFile = values.TryGetValue(PasswordFileKey, out var file) ? file : (ConfigValue?)null;
        if (passwordFile is { } given)
        {
            CheckAbsolute(filePath, PasswordFileKey, given, allowDriveLetters: false);
        }

        var options = values.TryGetValue(OptionsKey, out var list) ? list : (ConfigValue?)null;
        var config = new MountConfig(filePath, url, mountPoint, options, passwordFile);
        CheckAsCommandLine(config);
        return config;
    }

    private static void Add(Dictionary<string, ConfigValue> values, string filePath, int line, string key, string value)
    {
        if (PasswordKeys.Contains(key))
        {
            throw new ConfigFileException(
                $"{At(filePath, line)} key \"{key}\" is refused: a password does not belong in a config file. " +
                "Put it in a file of mode 0600 and name that with password_file =, or (systemd unit) in " +
                "/etc/ftpmount/credentials/NAME, or in ~/.netrc.");
        }

        if (!Keys.Contains(key))
        {
            throw new ConfigFileException(
                $"{At(filePath, line)} unknown key \"{key}\"; the keys are {string.Join(", ", Keys)}.");
        }

        if (values.TryGetValue(key, out var first))
        {
            throw new ConfigFileException(
                $"{At(filePath, line)} key \"{key}\" is given twice (first on line {first.Line.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (value.Length == 0 && key != OptionsKey)
        {
            throw new ConfigFileException($"{At(filePath, line)} key \"{key}\" has no value.");
        }

        values[key] = new ConfigValue(value, line);
    }

    private static ConfigValue Require(Dictionary<string, ConfigValue> values, string filePath, string key, string hint) =>
        values.TryGetValue(key, out var value)
            ? value
            : throw new ConfigFileException($"{filePath}: key \"{key}\" is missing: {hint}.");

    private static void CheckUrl(string filePath, ConfigValue url)
    {
        MountUrl parsed;
        try
        {
            parsed = MountUrl.Parse(url.Value);
        }
        catch (CommandLineException e)
        {
            // MountUrl's messages show the URL with any password replaced by ***.
            throw new ConfigFileException($"{At(filePath, url.Line)} key \"{UrlKey}\": {e.Message}");
        }

        if (parsed.HasPasswordInUrl)
        {
            throw new ConfigFileException(
                $"{At(filePath, url.Line)} key \"{UrlKey}\" contains a password (user:password@); remove it and name a " +
                "file of mode 0600 holding it with password_file =.");
        }
    }

    private static void CheckAbsolute(string filePath, string key, ConfigValue value, bool allowDriveLetters)
    {
        if (Path.IsPathFullyQualified(value.Value) || (allowDriveLetters && IsDriveLetter(value.Value)))
        {
            return;
        }

        var expected = allowDriveLetters ? "an absolute path or a drive letter such as X:" : "an absolute path";
        throw new ConfigFileException($"{At(filePath, value.Line)} key \"{key}\": \"{value.Value}\" is not {expected}.");
    }

    private static bool IsDriveLetter(string value) =>
        value.Length is 2 or 3 && char.IsAsciiLetter(value[0]) && value[1] == ':' && (value.Length == 2 || value[2] == '\\');

    /// <summary>
    /// Parses the command line the file stands for, so option errors and contradictions (fingerprint= without TLS,
    /// tls=none with ftps://) are reported now, naming this file, rather than later without it.
    /// </summary>
    private static void CheckAsCommandLine(MountConfig config)
    {
        try
        {
            _ = MountOptionsParser.Parse(config.ToArguments(), Environment.CurrentDirectory);
        }
        catch (CommandLineException e)
        {
            var (key, line) = config.Options is { } options ? (OptionsKey, options.Line) : (UrlKey, config.Url.Line);
            throw new ConfigFileException($"{At(config.FilePath, line)} key \"{key}\": {e.Message}");
        }
    }

    private static string At(string filePath, int line) => $"{filePath}:{line.ToString(CultureInfo.InvariantCulture)}:";
}
