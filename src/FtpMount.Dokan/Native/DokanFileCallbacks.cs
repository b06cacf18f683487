using System.Runtime.InteropServices;
using static FtpMount.Dokan.Native.DokanDispatch;

namespace FtpMount.Dokan.Native;

/// <summary>
/// The callbacks of an open: create, cleanup, close, read, write, flush, size. Each one keeps its request alive at
/// the driver while it runs (<see cref="RequestKeepAlive"/>: any of them may wait on the network), converts its
/// arguments (<see cref="DokanMarshal"/>), calls <see cref="IDokanFileSystem"/>, writes results back and returns the status.
/// </summary>
internal static unsafe class DokanFileCallbacks
{
    [UnmanagedCallersOnly]
    public static int ZwCreateFile(
        char* fileName, void* securityContext, uint desiredAccess, uint fileAttributes, uint shareAccess, uint createDisposition, uint createOptions,
        DOKAN_FILE_INFO* info)
    {
        DokanHost? host = null;
        try
        {
            host = HostOf(info);
            using var keepAlive = host.KeepAlive.HoldFromNow(info);
            var managed = DokanMarshal.ToManaged(info);
            var status = host.FileSystem.CreateFile(
                DokanMarshal.PathOf(fileName), (DokanAccessMask)desiredAccess, (FileAttributes)fileAttributes, (FileShare)shareAccess,
                CreationDispositions.FromKernel(createDisposition), (CreateOptions)createOptions, managed);
            DokanMarshal.Store(managed, info);
            return (int)status;
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static void Cleanup(char* fileName, DOKAN_FILE_INFO* info)
    {
        DokanHost? host = null;
        try
        {
            host = HostOf(info);
            using var keepAlive = host.KeepAlive.Hold(info);
            host.FileSystem.Cleanup(DokanMarshal.PathOf(fileName), DokanMarshal.ToManaged(info));
        }
        catch (Exception exception)
        {
            Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static void CloseFile(char* fileName, DOKAN_FILE_INFO* info)
    {
        DokanHost? host = null;
        try
        {
            host = HostOf(info);
            using var keepAlive = host.KeepAlive.Hold(info);
            var managed = DokanMarshal.ToManaged(info);
            host.FileSystem.CloseFile(DokanMarshal.PathOf(fileName), managed);
            DokanMarshal.Store(managed, info);
        }
        catch (Exception exception)
        {
            Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int ReadFile(char* fileName, void* buffer, uint bufferLength, uint* readLength, long offset, DOKAN_FILE_INFO* info)
    {
        DokanHost? host = null;
        try
        {
            host = HostOf(info);
            using var keepAlive = host.KeepAlive.Hold(info);
            *readLength = 0;
            var span = new Span<byte>(buffer, (int)Math.Min(bufferLength, int.MaxValue));
            var status = host.FileSystem.ReadFile(DokanMarshal.PathOf(fileName), span, out int read, offset, DokanMarshal.ToManaged(info));
            *readLength = (uint)Math.Clamp(read, 0, span.Length);
            return (int)status;
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int WriteFile(char* fileName, void* buffer, uint numberOfBytesToWrite, uint* numberOfBytesWritten, long offset, DOKAN_FILE_INFO* info)
    {
        DokanHost? host = null;
        try
        {
            host = HostOf(info);
            using var keepAlive = host.KeepAlive.Hold(info);
            *numberOfBytesWritten = 0;
            var span = new ReadOnlySpan<byte>(buffer, (int)Math.Min(numberOfBytesToWrite, int.MaxValue));
            var status = host.FileSystem.WriteFile(DokanMarshal.PathOf(fileName), span, out int written, offset, DokanMarshal.ToManaged(info));
            *numberOfBytesWritten = (uint)Math.Clamp(written, 0, span.Length);
            return (int)status;
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int FlushFileBuffers(char* fileName, DOKAN_FILE_INFO* info)
    {
        DokanHost? host = null;
        try
        {
            host = HostOf(info);
            using var keepAlive = host.KeepAlive.Hold(info);
            return (int)host.FileSystem.FlushFileBuffers(DokanMarshal.PathOf(fileName), DokanMarshal.ToManaged(info));
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int SetEndOfFile(char* fileName, long byteOffset, DOKAN_FILE_INFO* info)
    {
        DokanHost? host = null;
        try
        {
            host = HostOf(info);
            using var keepAlive = host.KeepAlive.Hold(info);
            return (int)host.FileSystem.SetEndOfFile(DokanMarshal.PathOf(fileName), byteOffset, DokanMarshal.ToManaged(info));
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int SetAllocationSize(char* fileName, long allocSize, DOKAN_FILE_INFO* info)
    {
        DokanHost? host = null;
        try
        {
            host = HostOf(info);
            using var keepAlive = host.KeepAlive.Hold(info);
            return (int)host.FileSystem.SetAllocationSize(DokanMarshal.PathOf(fileName), allocSize, DokanMarshal.ToManaged(info));
        }
        catch (Exception exception)
        {
            return Fail(host, exception);
        }
    }
}
