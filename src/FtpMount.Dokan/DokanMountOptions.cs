using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FtpMount.Dokan.Native;

namespace FtpMount.Dokan;

/// <summary>
/// How <see cref="DokanHost"/> mounts a volume. Validated once by <see cref="Validate"/> against what dokany's library
/// and driver accept (<see cref="DokanLimits"/>): a value they would cut, clamp or crash on is refused here with a
/// sentence naming the option. OS-independent.
/// </summary>
public sealed partial record DokanMountOptions
{
    /// <summary>"\ftpmount\" in front of the share name: the native UNC name's fixed part.</summary>
    private const string UncServer = "ftpmount";

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
    /// DOKAN_OPTIONS.Timeout, the driver's deadline for one request: past it the driver fails the request
    /// (STATUS_INSUFFICIENT_RESOURCES) and cancels a create while our callback may still be working. Between
    /// <see cref="MinimumTimeout"/> and <see cref="MaximumTimeout"/>, the range the driver keeps it in; the host
    /// resets it every <see cref="KeepAliveInterval"/> while a callback runs, so only a stuck process hits it.
    /// </summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

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

    /// <summary>DOKAN_IRP_PENDING_TIMEOUT (sys/dokan.h): DokanEventStart (sys/event.c) raises a shorter Timeout to it.</summary>
    public static TimeSpan MinimumTimeout { get; } = TimeSpan.FromMilliseconds(DokanLimits.DOKAN_IRP_PENDING_TIMEOUT);

    /// <summary>
    /// DOKAN_IRP_PENDING_TIMEOUT_RESET_MAX (sys/dokan.h): DokanEventStart lowers a longer Timeout to it, and
    /// DokanResetPendingIrpTimeout (sys/timeout.c) every DokanResetTimeout.
    /// </summary>
    public static TimeSpan MaximumTimeout { get; } = TimeSpan.FromMilliseconds(DokanLimits.DOKAN_IRP_PENDING_TIMEOUT_RESET_MAX);

    /// <summary>
    /// Three minutes: room for the adapter's two-minute request deadline (RemoteDokanOptions.RequestTimeout) to end
    /// first, with its grace and margin, even for a create whose keep-alive resets all failed.
    /// </summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromMinutes(3);

    /// <summary>The longest folder mount point Dokan handles whole (<see cref="DokanLimits.MaxFolderMountPointLength"/>).</summary>
    public static int MaximumFolderLength => DokanLimits.MaxFolderMountPointLength;

    /// <summary>
    /// How often a running request's deadline is reset: three times per deadline, so two resets may be late or lost
    /// before a request expires. Each reset sets the deadline to now + <see cref="Timeout"/> (DokanUpdateTimeout,
    /// sys/timeout.c), so a request never comes closer than two thirds of a deadline to its end; at the 15 s
    /// minimum that is a reset every 5 s, the driver's own check interval (DOKAN_CHECK_INTERVAL).
    /// </summary>
    public TimeSpan KeepAliveInterval => TimeSpan.FromTicks(Timeout.Ticks / 3);

    /// <summary><see cref="Timeout"/> as DOKAN_OPTIONS.Timeout and DokanResetTimeout take it; never above what the driver keeps.</summary>
    internal uint TimeoutMilliseconds => (uint)Timeout.TotalMilliseconds;

    /// <summary>
    /// The UNC name FtpMount uses for a host in network mode: <c>\\ftpmount\HOST</c>. Characters a share name may not
    /// hold become '_'; a host too long for dokany's <c>UNCName[64]</c> keeps its first characters and ends in '-'
    /// and eight hex digits of its hash, so two long hosts do not share a name.
    /// </summary>
    public static string UncNameFor(string host)
    {
        ArgumentNullException.ThrowIfNull(host);

        // The native form "\ftpmount\SHARE" and its NUL must fit DOKAN_INSTANCE.UNCName[64] (dokan/dokani.h).
        var room = DokanLimits.MaxUncNameLength - (UncServer.Length + 2);
        var share = new StringBuilder(host.Length);
        foreach (var c in host)
        {
            share.Append(char.IsControl(c) || "\"/\\[]:|<>+=;,?*".Contains(c, StringComparison.Ordinal) ? '_' : c);
        }

        if (share.Length == 0)
        {
            share.Append("ftp");
        }

        if (share.Length > room)
        {
            var hash = Fnv1a.Hash32(host.ToUpperInvariant()).ToString("x8", CultureInfo.InvariantCulture);
            share.Length = room - hash.Length - 1;
            share.Append('-').Append(hash);
        }

        return $@"\\{UncServer}\{share}";
    }

    public DokanMountOptions Validate()
    {
        if (string.IsNullOrEmpty(MountPoint) || !(DriveLetter().IsMatch(MountPoint) || FolderPath().IsMatch(MountPoint)))
        {
            throw new ArgumentException(
                $"DokanMountOptions.MountPoint must be a drive letter (\"Z:\") or an absolute folder path (\"C:\\mnt\\ftp\"), not \"{MountPoint}\".",
                nameof(MountPoint));
        }

        if (NativeMountPoint.Length > DokanLimits.MaxFolderMountPointLength)
        {
            // dokan.c would overflow MountPoint[MAX_PATH] past 259 (wcscpy_s ends the process), and the driver cuts
            // "\DosDevices\" + folder at 256 characters (sys/event.c), so the mount entry would name another folder.
            throw new ArgumentException(
                $"DokanMountOptions.MountPoint has {NativeMountPoint.Length} characters; Dokan takes a folder of at most " +
                $"{DokanLimits.MaxFolderMountPointLength}. Mount on a shorter path.",
                nameof(MountPoint));
        }

        if (UncName is not null)
        {
            ValidateNetworkMode();
        }

        if (MountManager && CurrentSession)
        {
            // samples/dokan_mirror/mirror.c refuses the pair: "Mount Manager always mount the drive for all user sessions."
            throw new ArgumentException(
                "DokanMountOptions.MountManager and CurrentSession cannot be combined: the mount manager always mounts for all user sessions.",
                nameof(CurrentSession));
        }

        if (Timeout < MinimumTimeout || Timeout > MaximumTimeout)
        {
            throw new ArgumentOutOfRangeException(
                nameof(Timeout),
                Timeout,
                $"DokanMountOptions.Timeout must be between {MinimumTimeout.TotalSeconds} s and {MaximumTimeout.TotalMinutes} min, " +
                "the range the Dokan driver keeps a request's deadline in (sys/dokan.h).");
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
        native->Timeout = TimeoutMilliseconds;
        native->AllocationUnitSize = AllocationUnitSize;
        native->SectorSize = SectorSize;
        native->VolumeSecurityDescriptorLength = 0;
    }

    private void ValidateNetworkMode()
    {
        if (!UncPattern().IsMatch(UncName!))
        {
            throw new ArgumentException($"DokanMountOptions.UncName must look like \\\\server\\share, not \"{UncName}\".", nameof(UncName));
        }

        if (NativeUncName!.Length > DokanLimits.MaxUncNameLength)
        {
            // dokan.c copies it into DOKAN_INSTANCE.UNCName[64] with wcscpy_s, which ends the process on overflow.
            throw new ArgumentException(
                $"DokanMountOptions.UncName \"{UncName}\" is too long: Dokan takes at most {DokanLimits.MaxUncNameLength} characters " +
                $"as \\server\\share (UncNameFor shortens host names to fit).",
                nameof(UncName));
        }

        if (!DriveLetter().IsMatch(MountPoint))
        {
            // DokanCreateFileSystem (dokan/dokan.c) would silently drop DOKAN_OPTION_NETWORK for a folder.
            throw new ArgumentException(
                $"DokanMountOptions.UncName (network mode) needs a drive letter mount point, not \"{MountPoint}\".", nameof(UncName));
        }

        if (MountManager)
        {
            // samples/dokan_mirror/mirror.c refuses the pair: "Mount manager cannot be used on network drive."
            throw new ArgumentException(
                "DokanMountOptions.MountManager cannot be combined with a network drive (UncName); Dokan refuses the pair " +
                "(its mirror sample: \"Mount manager cannot be used on network drive.\").",
                nameof(MountManager));
        }
    }

    [GeneratedRegex(@"^[A-Za-z](:\\?)?$")]
    private static partial Regex DriveLetter();

    [GeneratedRegex(@"^[A-Za-z]:\\[^\\].*$")]
    private static partial Regex FolderPath();

    [GeneratedRegex(@"^\\{1,2}[^\\/]+\\[^\\/]+$")]
    private static partial Regex UncPattern();
}
