using System.Runtime.InteropServices;
using FtpMount.Fuse.Native;

namespace FtpMount.Fuse.Tests.Native;

/// <summary>
/// An <see cref="INativeLibraryLoader"/> that plays one libfuse release from its export table (as <c>nm -D</c> lists
/// it for the default versions dlsym finds). fuse_version and fuse_pkgversion are real functions answering for the
/// release; every other export is a placeholder address that is never called.
/// </summary>
internal sealed unsafe class FakeLibfuse : INativeLibraryLoader
{
    private const nint Handle = 0x4000;

    // fuse_version()/fuse_pkgversion() have no arguments to say which fake they belong to; Load runs on one thread.
    [ThreadStatic]
    private static int _versionNumber;

    [ThreadStatic]
    private static nint _packageVersion;

    private readonly HashSet<string> _files;
    private readonly HashSet<string> _exports;
    private readonly int _number;
    private readonly nint _package;

    private FakeLibfuse(IEnumerable<string> files, IEnumerable<string> exports, int number, string? package)
    {
        _files = [.. files];
        _exports = [.. exports];
        _number = number;
        _package = package is null ? 0 : Marshal.StringToCoTaskMemUTF8(package);
    }

    public List<string> Requested { get; } = [];

    /// <summary>Stable entry points every release from 3.0 exports.</summary>
    public static readonly string[] Stable =
    [
        "fuse_version", "fuse_pkgversion", "fuse_mount", "fuse_unmount", "fuse_destroy", "fuse_get_session",
        "fuse_session_fd", "fuse_session_exit", "fuse_get_context", "fuse_invalidate_path", "fuse_opt_free_args",
    ];

    /// <summary>3.10: fuse_new@@FUSE_3.1, fuse_loop_mt@@FUSE_3.2, no fuse_new_31, no fuse_loop_mt_312 or fuse_loop_cfg_*.</summary>
    public static readonly string[] Exports310 = [.. Stable, "fuse_new", "fuse_new_30", "fuse_loop_mt", "fuse_loop_mt_31"];

    /// <summary>3.13 to 3.16: fuse_new_31 and fuse_loop_mt_312 besides the default-version names.</summary>
    public static readonly string[] Exports316 =
    [
        .. Exports310, "fuse_new_31", "fuse_loop_mt_32", "fuse_loop_mt_312", "fuse_loop_cfg_create", "fuse_loop_cfg_destroy",
        "fuse_loop_cfg_set_max_threads", "fuse_loop_cfg_set_idle_threads", "fuse_loop_cfg_set_clone_fd",
    ];

    /// <summary>3.17/3.18: fuse_new has no default version any more (an inline over _fuse_new_31), so dlsym finds no "fuse_new".</summary>
    public static readonly string[] Exports317 = [.. Exports316.Where(e => e != "fuse_new"), "_fuse_new_31", "_fuse_new_30"];

    public static FakeLibfuse Release(string soname, string package, IEnumerable<string> exports) =>
        Release([soname], package, exports);

    /// <summary>A release whose library answers to each of <paramref name="files"/>.</summary>
    public static FakeLibfuse Release(IEnumerable<string> files, string package, IEnumerable<string> exports) =>
        new(files, exports, VersionNumber(package), package);

    /// <summary>fuse_version() says <paramref name="number"/>, fuse_pkgversion() <paramref name="package"/>.</summary>
    public static FakeLibfuse Mismatched(string soname, IEnumerable<string> exports, int number, string package) =>
        new([soname], exports, number, package);

    public static FakeLibfuse Nothing() => new([], [], 0, null);

    public bool TryLoad(string libraryName, out nint handle)
    {
        Requested.Add(libraryName);
        handle = _files.Contains(libraryName) ? Handle : 0;
        return handle != 0;
    }

    public bool TryGetExport(nint handle, string name, out nint address)
    {
        Assert.Equal(Handle, handle);
        _versionNumber = _number;
        _packageVersion = _package;
        address = !_exports.Contains(name) ? 0
            : name == "fuse_version" ? (nint)(delegate* unmanaged<int>)&FuseVersion
            : name == "fuse_pkgversion" ? (nint)(delegate* unmanaged<byte*>)&FusePackageVersion
            : 0x1000 + Math.Abs(name.GetHashCode(StringComparison.Ordinal) % 0x1000);
        return address != 0;
    }

    private static int VersionNumber(string package)
    {
        string[] parts = package.Split('.', '-');
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * 100)
            + int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    [UnmanagedCallersOnly]
    private static int FuseVersion() => _versionNumber;

    [UnmanagedCallersOnly]
    private static byte* FusePackageVersion() => (byte*)_packageVersion;
}
