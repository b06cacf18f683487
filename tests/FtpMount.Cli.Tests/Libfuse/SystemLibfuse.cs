using FtpMount.Cli.Tests.Mount;

namespace FtpMount.Cli.Tests.Libfuse;

/// <summary>The machine's own libfuse files, as the dynamic loader would find them, so a test can hide them.</summary>
internal static class SystemLibfuse
{
    private static readonly string[] SearchDirectories =
        ["/lib", "/usr/lib", "/lib64", "/usr/lib64", "/usr/local/lib", "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
         "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu"];

    /// <summary>
    /// Every real file behind a libfuse3.so.N name in ld.so.cache or the default library folders, symlinks resolved
    /// (Debian's /lib is a symlink to /usr/lib, so one bind mount over the real file hides every name of it).
    /// </summary>
    public static async Task<IReadOnlyList<string>> FindAsync()
    {
        var candidates = new List<string>();
        var cache = await ExternalProgram.RunAsync("ldconfig", ["-p"], cancel: CancellationToken.None);
        foreach (var line in cache.Output.Split('\n'))
        {
            // "	libfuse3.so.3 (libc6,x86-64) => /lib/x86_64-linux-gnu/libfuse3.so.3"
            var arrow = line.IndexOf("=> ", StringComparison.Ordinal);
            if (line.TrimStart().StartsWith("libfuse3.so.", StringComparison.Ordinal) && arrow > 0)
            {
                candidates.Add(line[(arrow + 3)..].Trim());
            }
        }

        foreach (var directory in SearchDirectories.Where(Directory.Exists))
        {
            candidates.AddRange(Directory.EnumerateFiles(directory, "libfuse3.so.*"));
        }

        return candidates
            .Select(path => new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path))
            .Where(File.Exists)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }
}
