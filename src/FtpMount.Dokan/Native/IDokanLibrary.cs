namespace FtpMount.Dokan.Native;

/// <summary>
/// The dokan2.dll entry points <see cref="DokanHost"/> uses, one method per function of dokan/dokan.h. On Windows
/// <see cref="Dokan2Library"/> calls the DLL; on Linux the tests put a model of the library behind it, so the
/// host's lifecycle, its keep-alives and the callbacks run there too.
/// </summary>
internal unsafe interface IDokanLibrary
{
    /// <summary>WaitForSingleObject's answer when the object is signalled: the file system has closed.</summary>
    const uint WAIT_OBJECT_0 = 0;

    /// <summary>WaitForSingleObject's answer when the time ran out first.</summary>
    const uint WAIT_TIMEOUT = 0x102;

    /// <summary>DokanInit before the first mount of the process; counted, so several hosts may share the library.</summary>
    void Acquire();

    /// <summary>DokanShutdown once the last host that called <see cref="Acquire"/> has closed its instance.</summary>
    void Release();

    /// <summary><c>int DokanCreateFileSystem(PDOKAN_OPTIONS, PDOKAN_OPERATIONS, DOKAN_HANDLE*)</c>: a <see cref="DokanMainResult"/>.</summary>
    int CreateFileSystem(DOKAN_OPTIONS* options, DOKAN_OPERATIONS* operations, out nint instance);

    /// <summary><c>DWORD DokanWaitForFileSystemClosed(DOKAN_HANDLE, DWORD)</c>: WaitForSingleObject's result.</summary>
    uint WaitForFileSystemClosed(nint instance, uint milliseconds);

    /// <summary>
    /// <c>VOID DokanCloseHandle(DOKAN_HANDLE)</c>: unmounts the instance's own mount point (the one the driver
    /// assigned, dokan/dokan.c), waits until it has closed and frees the instance. Once per instance.
    /// </summary>
    void CloseHandle(nint instance);

    /// <summary><c>BOOL DokanResetTimeout(ULONG Timeout, PDOKAN_FILE_INFO)</c>: the request's deadline becomes now + Timeout.</summary>
    bool ResetTimeout(uint timeout, DOKAN_FILE_INFO* info);
}
