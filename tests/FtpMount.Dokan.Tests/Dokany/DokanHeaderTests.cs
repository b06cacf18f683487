using System.Text.RegularExpressions;
using FtpMount.Testing.Processes;

namespace FtpMount.Dokan.Tests.Dokany;

/// <summary>
/// The binding's layouts and constants against both releases' dokan.h, public.h and dokani.h, compiled for x64
/// Windows with Debian's gcc-mingw-w64-x86-64 (<see cref="LayoutCheckSource"/>). Each compile of windows.h takes
/// more than a second, hence the Integration tier.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class DokanHeaderTests
{
    private const string Compiler = "x86_64-w64-mingw32-gcc";
    private static readonly TimeSpan CompilerTimeout = TimeSpan.FromSeconds(120);

    public static TheoryData<string> Releases => new(DokanySources.Releases);

    /// <summary>Fields a release names otherwise, at the same place (dokan/dokan.h of that release).</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> RenamedFields = new()
    {
        ["2.0.6"] = new() { ["DOKAN_FILE_INFO.DeletePending"] = "DeleteOnClose" },
        ["2.3.1"] = [],
    };

    [Theory(Timeout = 300_000)]
    [MemberData(nameof(Releases))]
    public void Every_size_offset_and_constant_of_the_binding_matches_the_release_headers(string release)
    {
        var root = DokanySources.Root(release);

        // sys/dokan.h is a kernel header; its timeout facts are copied as written, so the compile still checks them.
        var driverHeader = DokanySources.Read(release, Path.Combine("sys", "dokan.h"));
        var defines = DriverTimeouts().Matches(driverHeader).Select(m => m.Value.TrimEnd()).ToList();
        Assert.True(defines.Count == 3, $"sys/dokan.h of {release} no longer defines the three timeouts:\n{string.Join('\n', defines)}");
        defines.Add(WdmDefine("MAXIMUM_FILENAME_LENGTH"));

        var directory = Directory.CreateTempSubdirectory("ftpmount-dokan-layout-").FullName;
        try
        {
            var source = Path.Combine(directory, "layout.c");
            File.WriteAllText(source, LayoutCheckSource.Generate(defines, RenamedFields[release]));
            var (exitCode, output) = Run(
                ["-fsyntax-only", "-I", Path.Combine(root, "dokan"), "-I", Path.Combine(root, "sys"), source]);
            var failed = output.Split('\n').Where(line => line.Contains("static assertion failed", StringComparison.Ordinal));
            Assert.True(
                exitCode == 0,
                $"The binding disagrees with dokany {release}:\n{string.Join('\n', failed)}\n\nCompiler output:\n{output}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A macro of mingw-w64's ddk/wdm.h, as its preprocessor defines it.</summary>
    private static string WdmDefine(string name)
    {
        var probe = Path.Combine(Path.GetTempPath(), $"ftpmount-wdm-{Guid.NewGuid():N}.c");
        File.WriteAllText(probe, "#include <ddk/wdm.h>\n");
        try
        {
            var (exitCode, output) = Run(["-E", "-dM", probe]);
            Assert.True(exitCode == 0, $"{Compiler} -E -dM of ddk/wdm.h failed:\n{output}");
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith($"#define {name} ", StringComparison.Ordinal));
            Assert.True(line is not null, $"mingw-w64's ddk/wdm.h defines no {name}");
            return line!;
        }
        finally
        {
            File.Delete(probe);
        }
    }

    private static (int ExitCode, string Output) Run(string[] arguments)
    {
        try
        {
            var result = DeadlineProcess.Run(DeadlineProcess.StartInfo(Compiler, arguments), CompilerTimeout);
            return (result.ExitCode, result.Output + result.Error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"{Compiler} is missing ({e.Message}): install the Debian package gcc-mingw-w64-x86-64 (scripts/install-test-deps.sh).", e);
        }
    }

    [GeneratedRegex(@"^#define (DOKAN_IRP_PENDING_TIMEOUT|DOKAN_IRP_PENDING_TIMEOUT_RESET_MAX|DOKAN_CHECK_INTERVAL)\s.*$", RegexOptions.Multiline)]
    private static partial Regex DriverTimeouts();
}
