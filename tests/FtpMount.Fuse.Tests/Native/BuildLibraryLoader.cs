using System.Runtime.InteropServices;
using FtpMount.Fuse.Native;
using FtpMount.Testing.Libfuse;

namespace FtpMount.Fuse.Tests.Native;

/// <summary>Loads sonames from one vendored build's lib folder only, as LD_LIBRARY_PATH plus a hidden system library would.</summary>
internal sealed class BuildLibraryLoader(LibfuseBuild build) : INativeLibraryLoader
{
    public List<string> Requested { get; } = [];

    public bool TryLoad(string libraryName, out nint handle)
    {
        Requested.Add(libraryName);
        string path = Path.Combine(build.LibraryDirectory, libraryName);
        handle = 0;
        return File.Exists(path) && NativeLibrary.TryLoad(path, out handle);
    }

    public bool TryGetExport(nint handle, string name, out nint address) => NativeLibrary.TryGetExport(handle, name, out address);
}
