using FtpMount.Testing.Hostile.Files;

namespace FtpMount.Testing.Hostile.Session;

/// <summary>Which server path a command names, so hooks and the log can match on it.</summary>
internal static class CommandPaths
{
    private static readonly HashSet<string> PathVerbs = new(StringComparer.Ordinal)
    {
        "CWD", "XCWD", "RETR", "STOR", "APPE", "DELE", "RNFR", "RNTO", "MKD", "XMKD", "RMD", "XRMD", "SIZE", "MDTM",
    };

    private static readonly HashSet<string> ListingVerbs = new(StringComparer.Ordinal) { "MLSD", "MLST", "LIST", "NLST" };

    public static string? PathOf(string verb, string argument, string workingDirectory)
    {
        if (PathVerbs.Contains(verb))
        {
            return argument.Length == 0 ? null : ServerPaths.Combine(workingDirectory, argument);
        }

        if (ListingVerbs.Contains(verb))
        {
            var target = verb is "LIST" or "NLST" ? WithoutOptions(argument) : argument;
            return ServerPaths.Combine(workingDirectory, target);
        }

        return verb switch
        {
            "CDUP" or "XCUP" => ServerPaths.Parent(workingDirectory),
            "MFMT" => AfterWords(argument, 1) is { Length: > 0 } path ? ServerPaths.Combine(workingDirectory, path) : null,
            "SITE" when argument.StartsWith("CHMOD ", StringComparison.OrdinalIgnoreCase)
                => AfterWords(argument, 2) is { Length: > 0 } path ? ServerPaths.Combine(workingDirectory, path) : null,
            _ => null,
        };
    }

    /// <summary>LIST's argument without leading ls options ("-a", "-la"); what follows is the path, spaces and all.</summary>
    public static string WithoutOptions(string argument)
    {
        while (argument.StartsWith('-'))
        {
            var space = argument.IndexOf(' ', StringComparison.Ordinal);
            argument = space < 0 ? string.Empty : argument[(space + 1)..];
        }

        return argument;
    }

    /// <summary>The text after the first <paramref name="words"/> space-separated words.</summary>
    public static string? AfterWords(string argument, int words)
    {
        var position = 0;
        for (var i = 0; i < words; i++)
        {
            var space = argument.IndexOf(' ', position);
            if (space < 0)
            {
                return null;
            }

            position = space + 1;
        }

        return argument[position..];
    }
}
