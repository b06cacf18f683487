using System.Runtime.InteropServices;

namespace FtpMount.Fuse.Tests.Adapter;

/// <summary>
/// Calls <see cref="IFuseFileSystem.ReadDir"/> as libfuse does, with a filler function that collects the names
/// instead of libfuse's <c>fuse_fill_dir_t</c>, so an adapter's listing can be checked without a mount.
/// </summary>
internal static unsafe class CollectedListing
{
    public static int Read(IFuseFileSystem fileSystem, string path, out List<string> names)
    {
        names = [];
        var handle = GCHandle.Alloc(names);
        try
        {
            var filler = new FuseDirectoryFiller(
                GCHandle.ToIntPtr(handle), (nint)(delegate* unmanaged<void*, byte*, void*, long, int, int>)&Collect);
            return fileSystem.ReadDir(path, filler);
        }
        finally
        {
            handle.Free();
        }
    }

    [UnmanagedCallersOnly]
    private static int Collect(void* buffer, byte* name, void* stat, long offset, int flags)
    {
        var names = (List<string>)GCHandle.FromIntPtr((nint)buffer).Target!;
        names.Add(Marshal.PtrToStringUTF8((nint)name)!);
        return 0;
    }
}
