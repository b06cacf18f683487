namespace FtpMount.Bench.Mounts;

/// <summary>Which libfuse ftpmount loads, from the versioned file name of the library ("libfuse3.so.3.18.2").</summary>
internal static class LibfuseRelease
{
    private static readonly string[] SystemFolders = ["/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib"];

    /// <summary>"libfuse 3.18.2 from DIR (LD_LIBRARY_PATH)" or "the machine's libfuse 3.14.0".</summary>
    public static string Describe(string? folder)
    {
        if (folder is not null)
        {
            return $"libfuse {VersionIn(folder) ?? "(version unknown)"} from {folder} (LD_LIBRARY_PATH)";
        }

        foreach (var system in SystemFolders)
        {
            if (Directory.Exists(system) && VersionIn(system) is { } version)
            {
                return $"the machine's libfuse {version}";
            }
        }

        return "the machine's libfuse (version unknown)";
    }

    private static string? VersionIn(string folder)
    {
        const string Prefix = "libfuse3.so.";
        return Directory.EnumerateFiles(folder, Prefix + "*")
            .Select(Path.GetFileName)
            .Where(name => name!.Length > Prefix.Length)
            .Select(name => name![Prefix.Length..])
            .Where(rest => rest.Count(c => c == '.') == 2)
            .OrderDescending(StringComparer.Ordinal)
            .FirstOrDefault();
    }
}
