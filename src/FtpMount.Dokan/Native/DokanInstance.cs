using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace FtpMount.Dokan.Native;

/// <summary>
/// One mounted Dokan volume and the native memory it uses: DOKAN_OPTIONS (16 KiB, read by the library for the
/// whole mount), DOKAN_OPERATIONS and the option strings. Freed only after DokanCloseHandle has returned.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed unsafe class DokanInstance
{
    private readonly string _mountPoint;
    private DOKAN_OPTIONS* _options;
    private DOKAN_OPERATIONS* _operations;
    private nint _mountPointText;
    private nint _uncText;
    private nint _handle;

    private DokanInstance(string mountPoint) => _mountPoint = mountPoint;

    /// <summary>Mounts; returns once the volume is up. Throws <see cref="DokanException"/> with the library's result.</summary>
    public static DokanInstance Mount(DokanMountOptions options, nint host)
    {
        var instance = new DokanInstance(options.NativeMountPoint);
        try
        {
            instance.Allocate(options, host);
            nint handle = 0;
            int result = Dokan2.DokanCreateFileSystem(instance._options, instance._operations, &handle);
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

    /// <summary>Blocks until the volume is unmounted, by us or from outside (Explorer's disconnect, dokanctl).</summary>
    public void WaitUntilClosed()
    {
        // WaitForSingleObject's answers: WAIT_OBJECT_0 (0) once closed, WAIT_FAILED (0xFFFFFFFF) on a bad handle.
        var result = Dokan2.DokanWaitForFileSystemClosed(_handle, Dokan2.INFINITE);
        if (result != 0)
        {
            throw new DokanException((int)result, $"Waiting for {_mountPoint} to close failed (wait result 0x{result:X8}).");
        }
    }

    /// <summary>Asks the driver to unmount. It waits for the driver, so never from a callback thread.</summary>
    public bool RequestUnmount() => Dokan2.DokanRemoveMountPoint(_mountPoint);

    /// <summary>Releases the instance (DokanCloseHandle waits for every callback to finish) and then our memory.</summary>
    public void Close()
    {
        if (_handle != 0)
        {
            Dokan2.DokanCloseHandle(_handle);
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
