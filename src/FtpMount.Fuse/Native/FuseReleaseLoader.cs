using System.Globalization;
using System.Runtime.InteropServices;

namespace FtpMount.Fuse.Native;

/// <summary>
/// Finds libfuse 3 and picks what fits the release it turns out to be: libfuse3.so.4 (3.17 and later) first, then
/// libfuse3.so.3 (3.10 to 3.16); the version from <c>fuse_pkgversion()</c> (checked against <c>fuse_version()</c>);
/// the entry points by what the library exports. Every failure is a <see cref="FuseLibraryException"/> naming the
/// library and the package, never a DllNotFoundException or EntryPointNotFoundException at the first call.
/// </summary>
internal static unsafe class FuseReleaseLoader
{
    /// <summary>Newest first: a machine with both (a 3.17 build beside the distribution's 3.14) should get the newer.</summary>
    internal static readonly IReadOnlyList<string> LibraryNames = ["libfuse3.so.4", "libfuse3.so.3"];

    internal static readonly Version Oldest = new(3, 10);

    internal static readonly Version NewestTested = new(3, 18);

    /// <summary>By release line only: 3.18.2 is a tested 3.18, while <see cref="Version"/> ranks it above 3.18.</summary>
    internal static bool IsNewerThanTested(Version version) => new Version(version.Major, version.Minor) > NewestTested;

    internal const string InstallAdvice =
        "Install the fuse3 package: apt install fuse3 (Debian, Ubuntu; it brings libfuse3-3 or libfuse3-4), " +
        "dnf install fuse3 (Fedora), pacman -S fuse3 (Arch), zypper install fuse3 (openSUSE).";

    /// <summary>What every release from 3.10 on exports under these names; <see cref="LibFuse3"/> binds them.</summary>
    private static readonly string[] StableExports =
    [
        "fuse_mount", "fuse_unmount", "fuse_destroy", "fuse_get_session", "fuse_session_fd", "fuse_session_exit",
        "fuse_get_context", "fuse_invalidate_path", "fuse_opt_free_args",
    ];

    private static readonly string[] ConfigObjectExports =
    [
        "fuse_loop_cfg_create", "fuse_loop_cfg_destroy", "fuse_loop_cfg_set_max_threads",
        "fuse_loop_cfg_set_idle_threads", "fuse_loop_cfg_set_clone_fd",
    ];

    internal static FuseRelease Load(INativeLibraryLoader loader)
    {
        foreach (string name in LibraryNames)
        {
            if (loader.TryLoad(name, out nint handle))
            {
                return Bind(loader, name, handle);
            }
        }

        throw new FuseLibraryException(
            $"libfuse 3 is not installed: looked for {LibraryNames[0]} (libfuse 3.17 and later) and {LibraryNames[1]} " +
            $"(libfuse 3.10 to 3.16) and found neither. {InstallAdvice}");
    }

    private static FuseRelease Bind(INativeLibraryLoader loader, string name, nint handle)
    {
        Version version = ReadVersion(loader, name, handle);
        if (version < Oldest)
        {
            throw new FuseLibraryException(
                $"{name} is libfuse {version}; ftpmount needs libfuse 3.10 or later (Debian 11 and Ubuntu 22.04 ship 3.10). " +
                "Upgrade the fuse3 package.");
        }

        foreach (string export in StableExports)
        {
            Require(loader, name, handle, version, export);
        }

        // 3.13 added fuse_new_31 as a plain alias of fuse_new@@FUSE_3.1, and 3.17 left fuse_new with no default
        // version at all (its fuse_new is an inline calling _fuse_new_31), so a plain dlsym("fuse_new") works only
        // before 3.17 and fuse_new_31 only from 3.13. Both take the 3.1 arguments (fuse_new_30 and
        // fuse_new@FUSE_3.0 are the 3.0 ABI, which also parses --help).
        (string newName, nint fuseNew) = loader.TryGetExport(handle, "fuse_new_31", out nint alias)
            ? ("fuse_new_31", alias)
            : version < new Version(3, 17) ? ("fuse_new", Require(loader, name, handle, version, "fuse_new"))
            : ("fuse_new_31", Require(loader, name, handle, version, "fuse_new_31"));

        return new FuseRelease(
            version,
            name,
            handle,
            newName,
            (delegate* unmanaged<FuseArgs*, FuseOperations*, nuint, nint, nint>)fuseNew,
            BindLoop(loader, name, handle, version));
    }

    private static FuseLoopEntryPoints BindLoop(INativeLibraryLoader loader, string name, nint handle, Version version)
    {
        if (version < new Version(3, 12) && !loader.TryGetExport(handle, FuseLoopEntryPoints.Loop312, out _))
        {
            // The default version of fuse_loop_mt in 3.2 to 3.11 is FUSE_3.2, which takes struct fuse_loop_config
            // { int clone_fd; unsigned max_idle_threads; }. (fuse_loop_mt_31 there is the 3.0 ABI: an int clone_fd.)
            return FuseLoopEntryPoints.ForVersion1Struct(Require(loader, name, handle, version, FuseLoopEntryPoints.Loop32));
        }

        nint loop = Require(loader, name, handle, version, FuseLoopEntryPoints.Loop312);
        var config = new nint[ConfigObjectExports.Length];
        for (int i = 0; i < config.Length; i++)
        {
            config[i] = Require(loader, name, handle, version, ConfigObjectExports[i]);
        }

        return FuseLoopEntryPoints.ForConfigObject(loop, config[0], config[1], config[2], config[3], config[4]);
    }

    /// <summary>The release from fuse_pkgversion() ("3.16.2"), which must agree with fuse_version() (316).</summary>
    private static Version ReadVersion(INativeLibraryLoader loader, string name, nint handle)
    {
        if (!loader.TryGetExport(handle, "fuse_version", out nint versionExport))
        {
            throw new FuseLibraryException($"{name} does not export fuse_version, so it is not libfuse 3. {InstallAdvice}");
        }

        int number = ((delegate* unmanaged<int>)versionExport)();
        var fromNumber = new Version(number / 100, number % 100);
        if (!loader.TryGetExport(handle, "fuse_pkgversion", out nint packageExport))
        {
            return fromNumber;
        }

        string? text = Marshal.PtrToStringUTF8((nint)((delegate* unmanaged<byte*>)packageExport)());
        Version? package = ParseRelease(text);
        if (package is null || package.Major != fromNumber.Major || package.Minor != fromNumber.Minor)
        {
            throw new FuseLibraryException(
                $"{name} reports libfuse {fromNumber} through fuse_version() but \"{text}\" through fuse_pkgversion(); " +
                $"cannot tell which release it is. {InstallAdvice}");
        }

        return package;
    }

    /// <summary>"3.16.2" → 3.16.2; "3.17.1-rc0" → 3.17.1; "3.14" → 3.14.0. Null when it does not start with major.minor.</summary>
    internal static Version? ParseRelease(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        int end = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
        {
            end++;
        }

        string[] parts = text[..end].Split('.');
        if (parts.Length < 2 || parts.Length > 3 || Array.Exists(parts, p => p.Length == 0 || p.Length > 6))
        {
            return null;
        }

        int major = int.Parse(parts[0], CultureInfo.InvariantCulture);
        int minor = int.Parse(parts[1], CultureInfo.InvariantCulture);
        int patch = parts.Length == 3 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : 0;
        return new Version(major, minor, patch);
    }

    private static nint Require(INativeLibraryLoader loader, string name, nint handle, Version version, string export) =>
        loader.TryGetExport(handle, export, out nint address) && address != 0
            ? address
            : throw new FuseLibraryException(
                $"{name} (libfuse {version}) does not export {export}, which ftpmount needs; the library is damaged " +
                $"or not the upstream libfuse. {InstallAdvice}");
}
