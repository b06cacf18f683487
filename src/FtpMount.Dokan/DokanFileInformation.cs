namespace FtpMount.Dokan;

/// <summary>What GetFileInformation reports (<c>BY_HANDLE_FILE_INFORMATION</c>).</summary>
public readonly record struct DokanFileInformation(
    FileAttributes Attributes,
    DateTimeOffset CreationTime,
    DateTimeOffset LastAccessTime,
    DateTimeOffset LastWriteTime,
    long Length,
    ulong FileIndex,
    uint VolumeSerialNumber,
    int NumberOfLinks = 1);
