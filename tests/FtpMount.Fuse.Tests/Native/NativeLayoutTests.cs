using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using FtpMount.Fuse.Native;

namespace FtpMount.Fuse.Tests.Native;

/// <summary>
/// Compiles layout.c against the machine's libfuse3 and glibc headers and compares every size, offset and
/// constant it prints with our mirrors. Every instance field of every mirrored struct must be in the C output,
/// so a field added on one side only fails here too.
/// </summary>
public sealed class NativeLayoutTests
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(60);

    private static readonly Lazy<Dictionary<string, long>> CLayout = new(CompileAndRunLayoutProgram);

    public static TheoryData<string> MirroredStructs => new(Mirrors.Keys);

    private static Dictionary<string, Type> Mirrors => new()
    {
        ["fuse_operations"] = typeof(FuseOperations),
        ["fuse_file_info"] = typeof(FuseFileInfo),
        ["fuse_config"] = typeof(FuseConfig),
        ["fuse_conn_info"] = typeof(FuseConnInfo),
        ["fuse_context"] = typeof(FuseContext),
        ["fuse_args"] = typeof(FuseArgs),
        ["stat"] = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? typeof(StatX64) : typeof(StatArm64),
        ["statvfs"] = typeof(StatVfs),
        ["timespec"] = typeof(Timespec),
    };

    [Theory]
    [MemberData(nameof(MirroredStructs))]
    public void Struct_size_and_every_field_offset_match_the_C_header(string cName)
    {
        Dictionary<string, long> c = CLayout.Value;
        Type mirror = Mirrors[cName];

        Assert.Equal(c[cName], Marshal.SizeOf(mirror));
        Assert.Equal(c[cName], SizeOfUnmanaged(mirror));
        FieldInfo[] fields = mirror.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        Assert.NotEmpty(fields);
        foreach (FieldInfo field in fields)
        {
            string key = $"{cName}.{field.Name.TrimStart('@')}";
            Assert.True(c.ContainsKey(key), $"layout.c prints no offset for {key}");
            Assert.True(c[key] == (long)Marshal.OffsetOf(mirror, field.Name), $"{key}: C says {c[key]}, {mirror.Name} has {Marshal.OffsetOf(mirror, field.Name)}");
        }

        // And the other way: every field C printed for this struct exists in the mirror.
        foreach (string key in c.Keys.Where(k => k.StartsWith(cName + ".", StringComparison.Ordinal) && !k.Contains(".bit.", StringComparison.Ordinal)))
        {
            string field = key[(cName.Length + 1)..];
            Assert.True(fields.Any(f => f.Name.TrimStart('@') == field), $"{mirror.Name} lacks {field}");
        }
    }

    [Fact]
    public void Fuse_file_info_bitfield_properties_set_the_bits_gcc_assigns()
    {
        Dictionary<string, long> c = CLayout.Value;
        (string Name, Action<FuseFileInfoSetter> Set)[] bits =
        [
            ("writepage", fi => fi.Value.WritePage = true),
            ("direct_io", fi => fi.Value.DirectIo = true),
            ("keep_cache", fi => fi.Value.KeepCache = true),
            ("flush", fi => fi.Value.Flush = true),
            ("nonseekable", fi => fi.Value.NonSeekable = true),
            ("flock_release", fi => fi.Value.FlockRelease = true),
            ("cache_readdir", fi => fi.Value.CacheReaddir = true),
            ("noflush", fi => fi.Value.NoFlush = true),
        ];
        foreach ((string name, Action<FuseFileInfoSetter> set) in bits)
        {
            var setter = new FuseFileInfoSetter();
            set(setter);
            Assert.True(c[$"fuse_file_info.bit.{name}"] == setter.Value.Bitfields, $"{name}: gcc sets {c[$"fuse_file_info.bit.{name}"]}, we set {setter.Value.Bitfields}");
        }

        var cleared = new FuseFileInfoSetter();
        cleared.Value.DirectIo = true;
        cleared.Value.KeepCache = true;
        cleared.Value.DirectIo = false;
        Assert.Equal((uint)c["fuse_file_info.bit.keep_cache"], cleared.Value.Bitfields);
    }

    [Fact]
    public void Errno_constants_match_errno_h()
    {
        Dictionary<string, long> c = CLayout.Value;
        FieldInfo[] constants = typeof(Errno).GetFields(BindingFlags.Public | BindingFlags.Static);
        Assert.NotEmpty(constants);
        foreach (FieldInfo constant in constants)
        {
            string key = "errno." + constant.Name;
            Assert.True(c.ContainsKey(key), $"layout.c prints no {constant.Name}");
            Assert.True(c[key] == (int)constant.GetRawConstantValue()!, $"{constant.Name}: errno.h says {c[key]}, Errno has {constant.GetRawConstantValue()}");
        }
    }

    [Fact]
    public void Other_constants_match_the_C_headers()
    {
        Dictionary<string, long> c = CLayout.Value;
        var ours = new Dictionary<string, long>
        {
            ["UTIME_NOW"] = Timespec.UTIME_NOW,
            ["UTIME_OMIT"] = Timespec.UTIME_OMIT,
            ["FUSE_FILL_DIR_PLUS"] = FuseFillDir.FUSE_FILL_DIR_PLUS,
            ["FUSE_READDIR_PLUS"] = FuseFillDir.FUSE_READDIR_PLUS,
            ["S_IFDIR"] = StatWriter.S_IFDIR,
            ["S_IFREG"] = StatWriter.S_IFREG,
            ["S_IFLNK"] = StatWriter.S_IFLNK,
            ["O_ACCMODE"] = FuseOpenInfo.AccessModeMask,
            ["O_WRONLY"] = FuseOpenInfo.WriteOnlyFlag,
            ["O_RDWR"] = FuseOpenInfo.ReadWriteFlag,
            ["O_TRUNC"] = FuseOpenInfo.TruncateFlag,
            ["O_APPEND"] = FuseOpenInfo.AppendFlag,
            ["RENAME_NOREPLACE"] = (long)FuseRenameOptions.NoReplace,
            ["RENAME_EXCHANGE"] = (long)FuseRenameOptions.Exchange,
        };
        foreach ((string name, long value) in ours)
        {
            Assert.True(c[$"const.{name}"] == value, $"{name}: C says {c[$"const.{name}"]}, we have {value}");
        }
    }

    private static int SizeOfUnmanaged(Type type) =>
        (int)typeof(System.Runtime.CompilerServices.Unsafe).GetMethod(nameof(System.Runtime.CompilerServices.Unsafe.SizeOf))!
            .MakeGenericMethod(type).Invoke(null, null)!;

    private static Dictionary<string, long> CompileAndRunLayoutProgram()
    {
        const string FuseHeader = "/usr/include/fuse3/fuse.h";
        Assert.True(File.Exists(FuseHeader), $"{FuseHeader} is missing: install the Debian package libfuse3-dev (apt-get install -y libfuse3-dev).");
        string? gcc = FindOnPath("gcc");
        Assert.True(gcc is not null, "gcc is missing: install the Debian package gcc (apt-get install -y gcc).");

        string source = Path.Combine(AppContext.BaseDirectory, "Native", "layout.c");
        string directory = Directory.CreateTempSubdirectory("ftpmount-layout-").FullName;
        try
        {
            string program = Path.Combine(directory, "layout");
            (int compiled, string compileOutput) = Run(gcc!, ["-Wall", "-Wextra", "-Werror", "-I/usr/include/fuse3", "-D_FILE_OFFSET_BITS=64", "-DFUSE_USE_VERSION=314", "-o", program, source]);
            Assert.True(compiled == 0, $"gcc failed on layout.c:\n{compileOutput}");
            (int ran, string output) = Run(program, []);
            Assert.True(ran == 0, $"layout program failed:\n{output}");

            var values = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] parts = line.Split(' ');
                values[parts[0]] = long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            }

            return values;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static (int ExitCode, string Output) Run(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(ToolTimeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} did not finish within {ToolTimeout}");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    /// <summary>Boxes a FuseFileInfo so lambdas can mutate it.</summary>
    private sealed class FuseFileInfoSetter
    {
        public FuseFileInfo Value;
    }
}
