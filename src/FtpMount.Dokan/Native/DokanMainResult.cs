namespace FtpMount.Dokan.Native;

/// <summary>Results of <c>DokanCreateFileSystem</c> (<c>DokanMainResult</c> group of dokan/dokan.h, Dokan 2.3.1).</summary>
internal static class DokanMainResult
{
    internal const int DOKAN_SUCCESS = 0;
    internal const int DOKAN_ERROR = -1;
    internal const int DOKAN_DRIVE_LETTER_ERROR = -2;
    internal const int DOKAN_DRIVER_INSTALL_ERROR = -3;
    internal const int DOKAN_START_ERROR = -4;
    internal const int DOKAN_MOUNT_ERROR = -5;
    internal const int DOKAN_MOUNT_POINT_ERROR = -6;
    internal const int DOKAN_VERSION_ERROR = -7;

    /// <summary>A sentence for a failed mount, naming the code as the header does.</summary>
    internal static string Describe(int result) => result switch
    {
        DOKAN_SUCCESS => "success",
        DOKAN_ERROR => "DOKAN_ERROR: the mount failed",
        DOKAN_DRIVE_LETTER_ERROR => "DOKAN_DRIVE_LETTER_ERROR: bad drive letter",
        DOKAN_DRIVER_INSTALL_ERROR => "DOKAN_DRIVER_INSTALL_ERROR: the Dokan driver is not installed",
        DOKAN_START_ERROR => "DOKAN_START_ERROR: the driver reported a failure",
        DOKAN_MOUNT_ERROR => "DOKAN_MOUNT_ERROR: cannot assign the drive letter or mount point (already in use?)",
        DOKAN_MOUNT_POINT_ERROR => "DOKAN_MOUNT_POINT_ERROR: the mount point is invalid",
        DOKAN_VERSION_ERROR => "DOKAN_VERSION_ERROR: the installed Dokan does not support the requested version",
        _ => $"Dokan error {result}",
    };
}
