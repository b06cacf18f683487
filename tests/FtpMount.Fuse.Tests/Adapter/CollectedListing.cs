using System.Runtime.InteropServices;

namespace FtpMount.Fuse.Tests.Adapter;

/// <summary>
/// Calls <see cref="IFuseFileSystem.ReadDir"/> as libfuse does, with a filler function that collects the names
/// instead of libfuse's <c>fuse_fill_dir_t</c>, so an adapter's listing can be checked without a mount.
/// </summary>
internal static unsafe class CollectedListing
{
    /// <param name="acceptNames">How many names the filler takes before it reports its buffer full; null: all.</param>
    public static int Read(IFuseFileSystem fileSystem, string path, out List<string> names, int? acceptNames = null)
    {
        names = [];
        var handle = GCHandle.Alloc(new Collector(names, acceptNames ?? int.MaxValue));
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
        var collector = (Collector)GCHandle.FromIntPtr((nint)buffer).Target!;
        if (collector.Names.Count >= collector.Limit)
        {
            return 1;
        }

        collector.Names.Add(Marshal.PtrToStringUTF8((nint)name)!);
        return 0;
    }

    private sealed record Collector(List<string> Names, int Limit);
}
