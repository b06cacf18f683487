using System.Text;
using FtpMount.Core.Bridging;

namespace FtpMount.Dokan.Adapter;

/// <summary>How the remote filesystem is presented as a Windows volume.</summary>
public sealed record RemoteDokanOptions
{
    /// <summary>The FTP server's host name: the volume label and serial number come from it.</summary>
    public required string HostName { get; init; }

    /// <summary>
    /// GetVolumeInformation's file system name. Windows enables some features by this name (the header suggests
    /// "NTFS"); a name of our own tells tools honestly that ACLs, streams and links are not there.
    /// </summary>
    public string FileSystemName { get; init; } = "FtpMount";

    /// <summary>
    /// Upper bound for one request (an open, lookup, listing, read chunk). It must end, with <see cref="BlockingCall"/>'s
    /// grace and <see cref="AnswerMargin"/>, before <see cref="DriverTimeout"/>: a create the driver has given up on
    /// would leave an open nobody closes.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Upper bound for Cleanup/CloseFile/FlushFileBuffers/MoveFile/WriteFile and size changes, which may upload a whole
    /// file: longer than the driver's deadline, which the host's keep-alive resets while they run.
    /// </summary>
    public TimeSpan SaveTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The driver's deadline the volume is mounted with (<see cref="DokanMountOptions.Timeout"/>).</summary>
    public TimeSpan DriverTimeout { get; init; } = DokanMountOptions.DefaultTimeout;

    /// <summary>
    /// Room between the end of our slowest answer and the driver's deadline: the answer's way back to the driver and
    /// a thread that is scheduled late. The driver's 5 s check interval only ever makes it later, never earlier.
    /// </summary>
    public static TimeSpan AnswerMargin { get; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest <see cref="RequestTimeout"/> a driver deadline of <paramref name="driverTimeout"/> leaves room for.</summary>
    public static TimeSpan LongestRequestFor(TimeSpan driverTimeout) => driverTimeout - BlockingCall.Grace - AnswerMargin;

    public string VolumeLabel => LabelFor(HostName);

    /// <summary>A stable serial per host (FNV-1a of the upper-cased name), so Explorer recognises the volume again.</summary>
    public uint VolumeSerialNumber => Fnv1a.Hash32(HostName.ToUpperInvariant());

    public RemoteDokanOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(HostName))
        {
            throw new ArgumentException("RemoteDokanOptions.HostName must name the FTP server.", nameof(HostName));
        }

        if (string.IsNullOrEmpty(FileSystemName) || FileSystemName.Length > 10)
        {
            throw new ArgumentException(
                $"RemoteDokanOptions.FileSystemName must have 1 to 10 characters (Dokan's limit), not \"{FileSystemName}\".", nameof(FileSystemName));
        }

        if (RequestTimeout <= TimeSpan.Zero || SaveTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"RemoteDokanOptions.RequestTimeout ({RequestTimeout}) and SaveTimeout ({SaveTimeout}) must be positive.", nameof(RequestTimeout));
        }

        if (RequestTimeout > LongestRequestFor(DriverTimeout))
        {
            throw new ArgumentException(
                $"RemoteDokanOptions.RequestTimeout ({RequestTimeout}) must end before the Dokan driver's deadline ({DriverTimeout}): " +
                $"at most {LongestRequestFor(DriverTimeout)}, leaving {BlockingCall.Grace} for a cancelled call to return and {AnswerMargin} for the answer.",
                nameof(RequestTimeout));
        }

        return this;
    }

    /// <summary>
    /// The host as a volume label: at most 32 characters (dokan.h: some Windows components expect no more), without
    /// the characters labels may not contain.
    /// </summary>
    public static string LabelFor(string hostName)
    {
        ArgumentNullException.ThrowIfNull(hostName);
        var builder = new StringBuilder(Math.Min(hostName.Length, 32));
        foreach (var c in hostName)
        {
            if (builder.Length == 32)
            {
                break;
            }

            builder.Append(char.IsControl(c) || "\\/:*?\"<>|".Contains(c, StringComparison.Ordinal) ? '_' : c);
        }

        return builder.Length == 0 ? "FTP" : builder.ToString();
    }
}
