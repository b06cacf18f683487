using System.Runtime.Versioning;

namespace FtpMount.Dokan.Native;

/// <summary>The real dokan2.dll behind <see cref="IDokanLibrary"/>; DokanInit/DokanShutdown counted per process.</summary>
[SupportedOSPlatform("windows")]
internal sealed unsafe class Dokan2Library : IDokanLibrary
{
    private readonly Lock _gate = new();
    private int _users;

    private Dokan2Library()
    {
    }

    public static Dokan2Library Instance { get; } = new();

    public void Acquire()
    {
        lock (_gate)
        {
            if (_users == 0)
            {
                Dokan2.DokanInit();
            }

            _users++;
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            if (--_users == 0)
            {
                Dokan2.DokanShutdown();
            }
        }
    }

    public int CreateFileSystem(DOKAN_OPTIONS* options, DOKAN_OPERATIONS* operations, out nint instance)
    {
        nint handle = 0;
        var result = Dokan2.DokanCreateFileSystem(options, operations, &handle);
        instance = handle;
        return result;
    }

    public uint WaitForFileSystemClosed(nint instance, uint milliseconds) => Dokan2.DokanWaitForFileSystemClosed(instance, milliseconds);

    public void CloseHandle(nint instance) => Dokan2.DokanCloseHandle(instance);

    public bool ResetTimeout(uint timeout, DOKAN_FILE_INFO* info) => Dokan2.DokanResetTimeout(timeout, info);
}
