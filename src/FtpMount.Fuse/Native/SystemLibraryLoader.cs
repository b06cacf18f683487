using System.Runtime.InteropServices;

namespace FtpMount.Fuse.Native;

/// <summary><see cref="INativeLibraryLoader"/> over <see cref="NativeLibrary"/> (dlopen/dlsym).</summary>
internal sealed class SystemLibraryLoader : INativeLibraryLoader
{
    internal static readonly SystemLibraryLoader Instance = new();

    public bool TryLoad(string libraryName, out nint handle) => NativeLibrary.TryLoad(libraryName, out handle);

    public bool TryGetExport(nint handle, string name, out nint address) => NativeLibrary.TryGetExport(handle, name, out address);
}
