namespace FtpMount.Dokan.Native;

/// <summary>
/// <c>DOKAN_OPTION_*</c> for <see cref="DOKAN_OPTIONS.Options"/>, dokan/dokan.h of Dokan 2.3.1, l.76–132.
/// 2.x renumbered some of 1.x's bits (CASE_SENSITIVE was 4096 in 1.5, is 1 &lt;&lt; 9 now).
/// </summary>
internal static class DokanOptionFlags
{
    internal const uint DOKAN_OPTION_DEBUG = 1;
    internal const uint DOKAN_OPTION_STDERR = 1 << 1;
    internal const uint DOKAN_OPTION_ALT_STREAM = 1 << 2;
    internal const uint DOKAN_OPTION_WRITE_PROTECT = 1 << 3;
    internal const uint DOKAN_OPTION_NETWORK = 1 << 4;
    internal const uint DOKAN_OPTION_REMOVABLE = 1 << 5;
    internal const uint DOKAN_OPTION_MOUNT_MANAGER = 1 << 6;
    internal const uint DOKAN_OPTION_CURRENT_SESSION = 1 << 7;
    internal const uint DOKAN_OPTION_FILELOCK_USER_MODE = 1 << 8;
    internal const uint DOKAN_OPTION_CASE_SENSITIVE = 1 << 9;
    internal const uint DOKAN_OPTION_ENABLE_UNMOUNT_NETWORK_DRIVE = 1 << 10;
    internal const uint DOKAN_OPTION_DISPATCH_DRIVER_LOGS = 1 << 11;
    internal const uint DOKAN_OPTION_ALLOW_IPC_BATCHING = 1 << 12;

    /// <summary>The API version we request: the oldest 2.x (<c>DOKAN_MINIMUM_COMPATIBLE_VERSION 200</c>, l.60), so any installed 2.x accepts it.</summary>
    internal const ushort RequestedVersion = 200;
}
