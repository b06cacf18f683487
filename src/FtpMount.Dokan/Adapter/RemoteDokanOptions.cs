using System.Text;

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

    /// <summary>Upper bound for one request (a lookup, listing, read chunk).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Upper bound for Cleanup/CloseFile/FlushFileBuffers/MoveFile, which may upload a whole file.</summary>
    public TimeSpan SaveTimeout { get; init; } = TimeSpan.FromMinutes(30);

    public string VolumeLabel => LabelFor(HostName);

    /// <summary>A stable serial per host (FNV-1a of the lower-cased name), so Explorer recognises the volume again.</summary>
    public uint VolumeSerialNumber => Fnv1a32(HostName.ToUpperInvariant());

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

    internal static uint Fnv1a32(string text)
    {
        uint hash = 2166136261;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }
}
