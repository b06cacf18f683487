namespace FtpMount.Cli.Service;

/// <summary>
/// The <c>key = value</c> format of a mount file: <c>url</c>, <c>mountpoint</c> and optional <c>options</c> (an
/// <c>-o</c> list). Blank lines and lines starting with '#' or ';' are ignored; no passwords belong here.
/// </summary>
internal static class MountConfigFile
{
    public static MountConfig Parse(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? url = null, mountPoint = null, options = null;
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new InvalidDataException($"{name} line {lineNumber}: expected key = value.");
            }

            var key = line[..equals].Trim().ToLowerInvariant();
            var value = line[(equals + 1)..].Trim();
            switch (key)
            {
                case "url":
                    url = value;
                    break;
                case "mountpoint":
                    mountPoint = value;
                    break;
                case "options":
                    options = value.Length == 0 ? null : value;
                    break;
                default:
                    // Never echo the value: the unknown key may be someone's attempt at "password".
                    throw new InvalidDataException($"{name} line {lineNumber}: unknown key \"{key}\" (url, mountpoint, options).");
            }
        }

        if (string.IsNullOrEmpty(url) || string.IsNullOrEmpty(mountPoint))
        {
            throw new InvalidDataException($"{name}: needs both url = and mountpoint =.");
        }

        return new MountConfig(name, url, mountPoint, options);
    }
}
