using System.Reflection;
using System.Runtime.InteropServices;
using FtpMount.Fuse.Native;

namespace FtpMount.Fuse.Tests.Native;

/// <summary>
/// Compares the binding's mirrors and the choices <see cref="FuseReleaseLoader"/> made for a release with what
/// layout.c printed for that release's headers. Shared by the machine's check and the per-release checks.
/// </summary>
internal static class LayoutChecks
{
    /// <summary>C struct name → mirror. Every key must be printed by layout.c.</summary>
    public static readonly IReadOnlyDictionary<string, Type> Mirrors = new Dictionary<string, Type>
    {
        ["fuse_operations"] = typeof(FuseOperations),
        ["fuse_file_info"] = typeof(FuseFileInfo),
        ["fuse_config"] = typeof(FuseConfig),
        ["fuse_conn_info"] = typeof(FuseConnInfo),
        ["fuse_loop_config_v1"] = typeof(FuseLoopConfigV1),
        ["fuse_context"] = typeof(FuseContext),
        ["fuse_args"] = typeof(FuseArgs),
        ["fuse_buf"] = typeof(FuseBuf),
        ["fuse_bufvec"] = typeof(FuseBufVec),
        ["stat"] = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? typeof(StatX64) : typeof(StatArm64),
        ["statvfs"] = typeof(StatVfs),
        ["timespec"] = typeof(Timespec),
    };

    /// <summary>
    /// libfuse allocates these (or, for the operations table, takes their size as op_size), so the mirror may be a
    /// prefix: 3.17 grew fuse_file_info, fuse_config and fuse_conn_info, 3.18 fuse_operations. fuse_buf and
    /// fuse_bufvec (3.17 appended mem_size) we allocate ourselves, at <see cref="FuseBufVec.AllocationSize"/>, which
    /// <see cref="AssertRelease"/> holds to the release's size.
    /// </summary>
    private static readonly HashSet<string> Prefixes =
        ["fuse_operations", "fuse_file_info", "fuse_config", "fuse_conn_info", "fuse_buf", "fuse_bufvec"];

    public static void AssertMirror(LayoutProgram c, string cName)
    {
        Type mirror = Mirrors[cName];
        int size = Marshal.SizeOf(mirror);
        Assert.Equal(size, SizeOfUnmanaged(mirror));
        if (Prefixes.Contains(cName))
        {
            Assert.True(size <= c[cName], $"{mirror.Name} is {size} bytes, more than the {c[cName]} of struct {cName}");
        }
        else
        {
            Assert.Equal(c[cName], size);
        }

        FieldInfo[] fields = mirror.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        Assert.NotEmpty(fields);
        foreach (FieldInfo field in fields)
        {
            string key = $"{cName}.{field.Name.TrimStart('@')}";
            Assert.True(c.Has(key), $"layout.c prints no offset for {key}");
            long offset = Marshal.OffsetOf(mirror, field.Name);
            Assert.True(c[key] == offset, $"{key}: C says {c[key]}, {mirror.Name} has {offset}");
        }

        // And the other way: every field C printed that starts inside the mirror exists in it.
        foreach (string key in c.Keys.Where(k => k.StartsWith(cName + ".", StringComparison.Ordinal) && !k.Contains(".bit.", StringComparison.Ordinal)))
        {
            string field = key[(cName.Length + 1)..];
            Assert.True(c[key] >= size || fields.Any(f => f.Name.TrimStart('@') == field), $"{mirror.Name} lacks {field} (offset {c[key]})");
        }
    }

    /// <summary>Every bit layout.c found in this release's fuse_file_info is where the release's masks put it.</summary>
    public static void AssertFileInfoBits(LayoutProgram c, FuseFileInfoBits bits)
    {
        var masks = new Dictionary<string, uint>
        {
            ["writepage"] = bits.WritePage,
            ["direct_io"] = bits.DirectIo,
            ["keep_cache"] = bits.KeepCache,
            ["parallel_direct_writes"] = bits.ParallelDirectWrites,
            ["flush"] = bits.Flush,
            ["nonseekable"] = bits.NonSeekable,
            ["flock_release"] = bits.FlockRelease,
            ["cache_readdir"] = bits.CacheReaddir,
            ["noflush"] = bits.NoFlush,
        };
        string[] printed = c.Keys.Where(k => k.StartsWith("fuse_file_info.bit.", StringComparison.Ordinal)).ToArray();
        Assert.True(printed.Length >= 7, "layout.c printed fewer than 7 fuse_file_info bits");
        foreach (string key in printed)
        {
            string name = key["fuse_file_info.bit.".Length..];
            Assert.True(masks.ContainsKey(name), $"FuseFileInfoBits has no mask for {name}");
            Assert.True(c[key] == masks[name], $"{name}: gcc sets {c[key]} in libfuse {c.PackageVersion}, the {bits.Name} masks say {masks[name]}");

            var fi = default(FuseFileInfo);
            fi.Set(masks[name], true);
            Assert.Equal((uint)c[key], fi.Bitfields);
            Assert.True(fi.Has(masks[name]));
        }

        var cleared = default(FuseFileInfo);
        cleared.Set(bits.DirectIo, true);
        cleared.Set(bits.NonSeekable, true);
        cleared.Set(bits.DirectIo, false);
        Assert.Equal((uint)c["fuse_file_info.bit.nonseekable"], cleared.Bitfields);
    }

    /// <summary>The loader read the same release the headers and library say, and nothing it writes reaches a field that moves.</summary>
    public static void AssertRelease(LayoutProgram c, FuseRelease release)
    {
        Assert.Equal(FuseReleaseLoader.ParseRelease(c.PackageVersion), release.Version);
        Assert.Equal(c["release.fuse_version"], (release.Version.Major * 100) + release.Version.Minor);
        Assert.Equal(c["release.fuse_version"], c["release.header_version"]);
        Assert.True(
            c["moving.fuse_config.nullpath_ok"] >= Marshal.SizeOf<FuseConfig>(),
            $"FuseConfig ({Marshal.SizeOf<FuseConfig>()} bytes) reaches nullpath_ok at {c["moving.fuse_config.nullpath_ok"]}");
        AssertFileInfoBits(c, release.FileInfoBits);

        // Passthrough fields are written only where the headers have them, with the headers' constants.
        Assert.Equal(c.Has("const.FUSE_CAP_PASSTHROUGH"), release.HasPassthrough);
        if (release.HasPassthrough)
        {
            Assert.Equal((long)FusePassthrough.Capability, c["const.FUSE_CAP_PASSTHROUGH"]);
            Assert.Equal(FusePassthrough.BackingStackDepth, (uint)c["const.FUSE_BACKING_STACKED_UNDER"]);
        }
        Assert.True(
            (long)FuseBufVec.AllocationSize >= c["fuse_bufvec"],
            $"a read_buf reply is allocated at {FuseBufVec.AllocationSize} bytes, less than the {c["fuse_bufvec"]} of struct fuse_bufvec in libfuse {c.PackageVersion}");
    }

    private static int SizeOfUnmanaged(Type type) =>
        (int)typeof(System.Runtime.CompilerServices.Unsafe).GetMethod(nameof(System.Runtime.CompilerServices.Unsafe.SizeOf))!
            .MakeGenericMethod(type).Invoke(null, null)!;
}
