using System.Runtime.InteropServices;

namespace FtpMount.Dokan.Native;

/// <summary>
/// One mounted Dokan volume and the native memory it uses: DOKAN_OPTIONS (16 KiB, read by the library for the
/// whole mount), DOKAN_OPERATIONS and the option strings. Freed only after DokanCloseHandle has returned.
/// </summary>
internal sealed unsafe class DokanInstance
{
    private readonly IDokanLibrary _library;
    private readonly string _mountPoint;
    private DOKAN_OPTIONS* _options;
    private DOKAN_OPERATIONS* _operations;
    private nint _mountPointText;
    private nint _uncText;
    private nint _handle;

    private DokanInstance(IDokanLibrary library, string mountPoint)
    {
        _library = library;
        _mountPoint = mountPoint;
    }

    /// <summary>Mounts; returns once the volume is up. Throws <see cref="DokanException"/> with the library's result.</summary>
    public static DokanInstance Mount(IDokanLibrary library, DokanMountOptions options, nint host)
    {
        var instance = new DokanInstance(library, options.NativeMountPoint);
        try
        {
            instance.Allocate(options, host);
            int result = library.CreateFileSystem(instance._options, instance._operations, out var handle);
            if (result != DokanMainResult.DOKAN_SUCCESS)
            {
                throw new DokanException(result, $"Mounting at {options.MountPoint} failed: {DokanMainResult.Describe(result)}.");
            }

            instance._handle = handle;
            return instance;
        }
        catch
        {
            instance.Free();
            throw;
        }
    }

    /// <summary>
    /// Whether the volume has gone (unmounted from outside: Explorer's disconnect, dokanctl), waiting at most
    /// <paramref name="wait"/>. Throws <see cref="DokanException"/> when the library cannot tell.
    /// </summary>
    public bool HasClosed(TimeSpan wait)
    {
        var result = _library.WaitForFileSystemClosed(_handle, (uint)wait.TotalMilliseconds);
        return result switch
        {
            IDokanLibrary.WAIT_OBJECT_0 => true,
            IDokanLibrary.WAIT_TIMEOUT => false,
            _ => throw new DokanException((int)result, $"Waiting for {_mountPoint} to close failed (wait result 0x{result:X8})."),
        };
    }

    /// <summary>
    /// Unmounts what the driver mounted (DokanCloseHandle removes the instance's own mount point, not the one we
    /// asked for: with the mount manager the driver may have assigned another letter), waits until no callback runs
    /// any more, and frees the instance and our memory. Never from a callback thread.
    /// </summary>
    public void Close()
    {
        if (_handle != 0)
        {
            _library.CloseHandle(_handle);
            _handle = 0;
        }

        Free();
    }

    private void Allocate(DokanMountOptions options, nint host)
    {
        _options = (DOKAN_OPTIONS*)NativeMemory.AllocZeroed((nuint)sizeof(DOKAN_OPTIONS));
        _operations = (DOKAN_OPERATIONS*)NativeMemory.AllocZeroed((nuint)sizeof(DOKAN_OPERATIONS));
        _mountPointText = Marshal.StringToHGlobalUni(options.NativeMountPoint);
        _uncText = options.NativeUncName is { } unc ? Marshal.StringToHGlobalUni(unc) : 0;
        options.Fill(_options, (char*)_mountPointText, (char*)_uncText, (ulong)host);
        *_operations = DokanCallbacks.CreateOperations();
    }

    private void Free()
    {
        NativeMemory.Free(_options);
        _options = null;
        NativeMemory.Free(_operations);
        _operations = null;
        Marshal.FreeHGlobal(_mountPointText);
        _mountPointText = 0;
        Marshal.FreeHGlobal(_uncText);
        _uncText = 0;
    }
}
