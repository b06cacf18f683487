using System.Reflection;
using System.Runtime.InteropServices;

namespace FtpMount.Fuse.Native;

/// <summary>
/// The one libfuse of this process: loaded on first use by <see cref="FuseReleaseLoader"/>, and the target of every
/// <see cref="LibFuse3"/> import through a <see cref="NativeLibrary.SetDllImportResolver"/> callback, so the imports
/// and the version-dependent entry points always come from the same library file.
/// </summary>
internal static class FuseLibrary
{
    private static readonly Lock Gate = new();
    private static FuseRelease? _current;
    private static int _resolverInstalled;

    /// <summary>The loaded release; throws <see cref="FuseLibraryException"/> when there is none to load (retried on the next call).</summary>
    internal static FuseRelease Current => Volatile.Read(ref _current) ?? Load();

    /// <summary>Routes <see cref="LibFuse3.LibraryName"/> to <see cref="Current"/>. Idempotent; never throws.</summary>
    internal static void InstallResolver()
    {
        if (Interlocked.Exchange(ref _resolverInstalled, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(FuseLibrary).Assembly, Resolve);
        }
    }

    private static FuseRelease Load()
    {
        lock (Gate)
        {
            if (_current is null)
            {
                FuseRelease release = FuseReleaseLoader.Load(SystemLibraryLoader.Instance);
                InstallResolver();
                Volatile.Write(ref _current, release);
            }

            return _current;
        }
    }

    // Other imports of this assembly (libc.so.6) get 0: the runtime's own probing.
    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == LibFuse3.LibraryName ? Current.Handle : 0;
}
