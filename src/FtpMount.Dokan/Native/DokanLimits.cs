namespace FtpMount.Dokan.Native;

/// <summary>
/// What dokany's library and driver enforce, by the names they have in its sources (both 2.0.6 and 2.3.1, checked by
/// DokanSourceFactsTests against the vendored sources). <see cref="DokanMountOptions"/> validates against these.
/// </summary>
internal static class DokanLimits
{
    /// <summary>
    /// sys/dokan.h: the driver's request deadline when DOKAN_OPTIONS.Timeout is 0, and its minimum:
    /// DokanEventStart (sys/event.c) raises a smaller Timeout to this.
    /// </summary>
    internal const uint DOKAN_IRP_PENDING_TIMEOUT = 1000 * 15;

    /// <summary>
    /// sys/dokan.h: the largest deadline. DokanEventStart lowers a larger DOKAN_OPTIONS.Timeout to this, and
    /// DokanResetPendingIrpTimeout (sys/timeout.c) lowers every DokanResetTimeout to it too.
    /// </summary>
    internal const uint DOKAN_IRP_PENDING_TIMEOUT_RESET_MAX = 1000 * 60 * 5;

    /// <summary>sys/dokan.h: how often DokanTimeoutThread (sys/timeout.c) completes the requests past their deadline.</summary>
    internal const uint DOKAN_CHECK_INTERVAL = 1000 * 5;

    /// <summary>
    /// dokan/dokani.h, <c>DOKAN_INSTANCE.MountPoint[MAX_PATH]</c>: DokanCreateFileSystem (dokan/dokan.c) copies
    /// DOKAN_OPTIONS.MountPoint into it with wcscpy_s, whose overflow handler terminates the process.
    /// </summary>
    internal const int MountPointCapacity = 260;

    /// <summary>dokan/dokani.h, <c>DOKAN_INSTANCE.UNCName[64]</c>: the same wcscpy_s for DOKAN_OPTIONS.UNCName.</summary>
    internal const int UncNameCapacity = 64;

    /// <summary>
    /// wdm.h: DokanEventStart (sys/event.c) builds the mount entry's name as <see cref="DosDevicesPrefix"/> + mount
    /// point with RtlStringCchCatW into <c>MAXIMUM_FILENAME_LENGTH</c> characters, silently cutting a longer folder.
    /// </summary>
    internal const int MAXIMUM_FILENAME_LENGTH = 256;

    /// <summary>The prefix DokanEventStart (sys/event.c) puts before the mount point: <c>L"\\DosDevices\\"</c>.</summary>
    internal const string DosDevicesPrefix = @"\DosDevices\";

    /// <summary>The longest folder mount point that survives both copies, without its terminating NUL.</summary>
    internal const int MaxFolderMountPointLength = MAXIMUM_FILENAME_LENGTH - 12 - 1;

    /// <summary>The longest UNC name <c>DOKAN_INSTANCE.UNCName</c> holds, without its terminating NUL.</summary>
    internal const int MaxUncNameLength = UncNameCapacity - 1;
}
