namespace FtpMount.Ftp.Listing;

/// <summary>What a directory listing says an entry is.</summary>
public enum FtpEntryType
{
    /// <summary>A regular file.</summary>
    File,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link; <see cref="FtpListEntry.SymlinkTarget"/> holds the target when the server shows it.</summary>
    Symlink,

    /// <summary>A device, fifo, socket, door or an unknown MLSD <c>OS.*</c> type.</summary>
    Other,
}
