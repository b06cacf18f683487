using System.Runtime.Versioning;

namespace FtpMount.Dokan.Native;

/// <summary>dokan.h: DokanInit once before the first mount of the process, DokanShutdown after the last; counted here.</summary>
[SupportedOSPlatform("windows")]
internal static class DokanLibrary
{
    private static readonly Lock Gate = new();
    private static int _users;

    public static void Acquire()
    {
        lock (Gate)
        {
            if (_users == 0)
            {
                Dokan2.DokanInit();
            }

            _users++;
        }
    }

    public static void Release()
    {
        lock (Gate)
        {
            if (--_users == 0)
            {
                Dokan2.DokanShutdown();
            }
        }
    }
}
