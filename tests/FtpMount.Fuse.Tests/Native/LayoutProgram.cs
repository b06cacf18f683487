using System.Globalization;
using FtpMount.Testing.Processes;

namespace FtpMount.Fuse.Tests.Native;

/// <summary>
/// Builds layout.c against one libfuse release with the flags its pkg-config file gives (the machine's, or a build
/// of ../shared/vendor/libfuse), links it to that release's library, runs it, and returns what it printed.
/// </summary>
internal sealed class LayoutProgram
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, string> _values;

    private LayoutProgram(Dictionary<string, string> values) => _values = values;

    /// <summary>"3.16.2", as the release's own fuse_pkgversion() says.</summary>
    public string PackageVersion => _values["release.pkgversion"];

    public IEnumerable<string> Keys => _values.Keys;

    public long this[string key] => long.Parse(_values[key], CultureInfo.InvariantCulture);

    public bool Has(string key) => _values.ContainsKey(key);

    /// <param name="pkgConfigDirectory">The release's lib/pkgconfig; null for the machine's libfuse3-dev.</param>
    /// <param name="program">The C file beside this test's assembly, in Native/.</param>
    /// <param name="includeDirectory">One more folder to search for headers (a release's private lib/ headers).</param>
    public static LayoutProgram CompileAndRun(string? pkgConfigDirectory, string program = "layout.c", string? includeDirectory = null)
    {
        string? gcc = FindOnPath("gcc");
        Assert.True(gcc is not null, "gcc is missing: install the Debian package gcc (apt-get install -y gcc).");
        Assert.True(FindOnPath("pkg-config") is not null, "pkg-config is missing: install the Debian package pkg-config (apt-get install -y pkg-config).");
        var environment = new Dictionary<string, string>();
        if (pkgConfigDirectory is not null)
        {
            // LIBDIR, not PATH: the machine's own fuse3.pc must not answer for a vendored release.
            environment["PKG_CONFIG_LIBDIR"] = pkgConfigDirectory;
        }

        (int found, string version) = Run("pkg-config", ["--modversion", "fuse3"], environment);
        Assert.True(found == 0, pkgConfigDirectory is null
            ? $"fuse3.pc is missing: install the Debian package libfuse3-dev (apt-get install -y libfuse3-dev).\n{version}"
            : $"No fuse3.pc in {pkgConfigDirectory}:\n{version}");
        string cflags = Run("pkg-config", ["--cflags", "--libs", "fuse3"], environment).Output.Trim();
        string[] flags = cflags.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string[] minor = version.Trim().Split('.');

        // 312 selects fuse_loop_mt(struct fuse*, opaque config*), what fuse_loop_mt_312 is; 310 the public struct of
        // fuse_loop_mt@FUSE_3.2 that FuseRelease uses before 3.12.
        string useVersion = int.Parse(minor[1], CultureInfo.InvariantCulture) < 12 ? "310" : "312";
        string source = Path.Combine(AppContext.BaseDirectory, "Native", program);
        string directory = Directory.CreateTempSubdirectory("ftpmount-layout-").FullName;
        try
        {
            string executable = Path.Combine(directory, "layout");
            List<string> arguments = ["-Wall", "-Wextra", "-Werror", "-D_FILE_OFFSET_BITS=64", $"-DFUSE_USE_VERSION={useVersion}", "-o", executable, source, .. flags];
            if (includeDirectory is not null)
            {
                arguments.Add("-I" + includeDirectory);
            }

            if (pkgConfigDirectory is not null)
            {
                arguments.Add("-Wl,-rpath," + Path.GetDirectoryName(pkgConfigDirectory));
            }

            (int compiled, string compileOutput) = Run(gcc!, [.. arguments], environment);
            Assert.True(compiled == 0, $"gcc {string.Join(' ', arguments)} failed on {program}:\n{compileOutput}");
            (int ran, string output) = Run(executable, [], []);
            Assert.True(ran == 0, $"layout program failed:\n{output}");

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] parts = line.Split(' ', 2);
                values[parts[0]] = parts[1];
            }

            Assert.Equal(version.Trim(), values["release.pkgversion"]);
            return new LayoutProgram(values);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static (int ExitCode, string Output) Run(string file, string[] arguments, Dictionary<string, string> environment)
    {
        var result = DeadlineProcess.Run(
            DeadlineProcess.StartInfo(file, arguments, environment.ToDictionary(e => e.Key, string? (e) => e.Value)), ToolTimeout);
        return (result.ExitCode, result.Output + result.Error);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
