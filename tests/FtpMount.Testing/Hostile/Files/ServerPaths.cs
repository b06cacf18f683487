namespace FtpMount.Testing.Hostile.Files;

/// <summary>
/// Server paths as the client sees them: absolute, '/'-separated, normalised like a chrooted server does
/// (<c>..</c> at the root stays at the root).
/// </summary>
internal static class ServerPaths
{
    public const string Root = "/";

    /// <summary>The absolute, normalised path <paramref name="argument"/> names from <paramref name="workingDirectory"/>.</summary>
    public static string Combine(string workingDirectory, string argument)
    {
        var start = argument.StartsWith('/') ? Root : workingDirectory;
        var segments = new List<string>(start.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var segment in argument.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment != ".")
            {
                segments.Add(segment);
            }
        }

        return Root + string.Join('/', segments);
    }

    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? Root : path[..slash];
    }

    public static string Name(string path) => path[(path.LastIndexOf('/') + 1)..];
}
