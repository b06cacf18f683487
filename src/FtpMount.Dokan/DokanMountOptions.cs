using System.Text.RegularExpressions;
using FtpMount.Dokan.Native;

namespace FtpMount.Dokan;

/// <summary>How <see cref="DokanHost"/> mounts a volume. Validated once by <see cref="Validate"/>; OS-independent.</summary>
public sealed partial record DokanMountOptions
{
    /// <summary>A drive letter ("Z", "Z:", "Z:\") or an existing empty folder on an NTFS volume ("C:\mnt\ftp").</summary>
    public required string MountPoint { get; init; }

    /// <summary>
    /// Network mode (DOKAN_OPTION_NETWORK, needs Dokan's network provider): the UNC name the volume answers to,
    /// <c>\\ftpmount\host</c>. Null mounts a local disk volume.
    /// </summary>
    public string? UncName { get; init; }

    /// <summary>DOKAN_OPTION_WRITE_PROTECT: the driver refuses every change and reports a read-only volume.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>
    /// Dokan 2.x sizes its own thread pool; <c>DOKAN_OPTIONS.SingleThread</c> (which replaced 1.x's ThreadCount)
    /// can only force one thread, a bottleneck kept for debugging.
    /// </summary>
    public bool SingleThread { get; init; }

    /// <summary>
    /// DOKAN_OPTIONS.Timeout: a request older than this makes the driver unmount the volume. Uploads at close
    /// take longer; the host extends the deadline while one runs (DokanResetTimeout).
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>DOKAN_OPTION_MOUNT_MANAGER: register with the Windows mount manager (the mount manager may pick another letter).</summary>
    public bool MountManager { get; init; }

    /// <summary>DOKAN_OPTION_CURRENT_SESSION: the volume is visible in the mounting user's session only.</summary>
    public bool CurrentSession { get; init; }

    public uint AllocationUnitSize { get; init; } = 4096;

    public uint SectorSize { get; init; } = 512;

    /// <summary>DOKAN_OPTION_DEBUG | DOKAN_OPTION_STDERR: the library's own tracing on standard error.</summary>
    public bool DebugOutput { get; init; }

    /// <summary>How long disposal waits for the volume to go away.</summary>
    public TimeSpan UnmountTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The UNC name FtpMount uses for a host in network mode.</summary>
    public static string UncNameFor(string host) => $@"\\ftpmount\{host}";

    public DokanMountOptions Validate()
    {
        if (string.IsNullOrEmpty(MountPoint) || !(DriveLetter().IsMatch(MountPoint) || FolderPath().IsMatch(MountPoint)))
        {
            throw new ArgumentException(
                $"DokanMountOptions.MountPoint must be a drive letter (\"Z:\") or an absolute folder path (\"C:\\mnt\\ftp\"), not \"{MountPoint}\".",
                nameof(MountPoint));
        }

        if (UncName is not null && !UncPattern().IsMatch(UncName))
        {
            throw new ArgumentException($"DokanMountOptions.UncName must look like \\\\server\\share, not \"{UncName}\".", nameof(UncName));
        }

        if (UncName is not null && !DriveLetter().IsMatch(MountPoint))
        {
            throw new ArgumentException(
                $"DokanMountOptions.UncName (network mode) needs a drive letter mount point, not \"{MountPoint}\".", nameof(UncName));
        }

        if (Timeout < TimeSpan.FromSeconds(1) || Timeout.TotalMilliseconds > uint.MaxValue - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "DokanMountOptions.Timeout must be at least one second.");
        }

        if (UnmountTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(UnmountTimeout), UnmountTimeout, "DokanMountOptions.UnmountTimeout must be positive.");
        }

        if (SectorSize == 0 || AllocationUnitSize == 0 || AllocationUnitSize % SectorSize != 0)
        {
            throw new ArgumentException(
                $"DokanMountOptions.AllocationUnitSize ({AllocationUnitSize}) must be a non-zero multiple of SectorSize ({SectorSize}).",
                nameof(AllocationUnitSize));
        }

        return this;
    }

    /// <summary>The mount point as Dokan takes it: "Z:\" for a drive, the folder as given.</summary>
    internal string NativeMountPoint => DriveLetter().IsMatch(MountPoint) ? $"{char.ToUpperInvariant(MountPoint[0])}:\\" : MountPoint;

    /// <summary>
    /// The UNC name as Dokan takes it: one leading backslash (<c>\server\share</c>), as in the samples' usage
    /// "/u \localhost\myfs"; the user-facing form <c>\\server\share</c> has two.
    /// </summary>
    internal string? NativeUncName => UncName is null ? null : "\\" + UncName.TrimStart('\\');

    internal uint NativeFlags()
    {
        uint flags = 0;
        if (ReadOnly)
        {
            flags |= DokanOptionFlags.DOKAN_OPTION_WRITE_PROTECT;
        }

        if (UncName is not null)
        {
            flags |= DokanOptionFlags.DOKAN_OPTION_NETWORK;
        }

        if (MountManager)
        {
            flags |= DokanOptionFlags.DOKAN_OPTION_MOUNT_MANAGER;
        }

        if (CurrentSession)
        {
            flags |= DokanOptionFlags.DOKAN_OPTION_CURRENT_SESSION;
        }

        if (DebugOutput)
        {
            flags |= DokanOptionFlags.DOKAN_OPTION_DEBUG | DokanOptionFlags.DOKAN_OPTION_STDERR;
        }

        // Never ALT_STREAM (FTP has no streams), CASE_SENSITIVE (lookups fold case) or FILELOCK_USER_MODE (the
        // driver keeps byte-range locks itself).
        return flags;
    }

    /// <summary>Fills a zeroed <c>DOKAN_OPTIONS</c>; the strings must stay allocated for the mount's lifetime.</summary>
    internal unsafe void Fill(DOKAN_OPTIONS* native, char* mountPoint, char* uncName, ulong globalContext)
    {
        native->Version = DokanOptionFlags.RequestedVersion;
        native->SingleThread = SingleThread ? (byte)1 : (byte)0;
        native->Options = NativeFlags();
        native->GlobalContext = globalContext;
        native->MountPoint = mountPoint;
        native->UNCName = uncName;
        native->Timeout = (uint)Timeout.TotalMilliseconds;
        native->AllocationUnitSize = AllocationUnitSize;
        native->SectorSize = SectorSize;
        native->VolumeSecurityDescriptorLength = 0;
    }

    [GeneratedRegex(@"^[A-Za-z](:\\?)?$")]
    private static partial Regex DriveLetter();

    [GeneratedRegex(@"^[A-Za-z]:\\[^\\].*$")]
    private static partial Regex FolderPath();

    [GeneratedRegex(@"^\\{1,2}[^\\/]+\\[^\\/]+$")]
    private static partial Regex UncPattern();
}
