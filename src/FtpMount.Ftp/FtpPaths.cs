namespace FtpMount.Ftp;

/// <summary>Small helpers for absolute, slash-separated server paths.</summary>
public static class FtpPaths
{
    /// <summary>Splits "/a/b/c" into ("/a/b", "c") and "/c" into ("/", "c").</summary>
    public static (string Parent, string Name) Split(string path)
    {
        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        var slash = trimmed.LastIndexOf('/');
        return slash switch
        {
            < 0 => (".", trimmed),
            0 => ("/", trimmed[1..]),
            _ => (trimmed[..slash], trimmed[(slash + 1)..]),
        };
    }

    /// <summary>Joins a directory and a single name with one slash.</summary>
    public static string Combine(string directory, string name) =>
        directory.EndsWith('/') ? directory + name : $"{directory}/{name}";
}
