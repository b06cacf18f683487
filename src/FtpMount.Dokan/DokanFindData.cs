namespace FtpMount.Dokan;

/// <summary>One directory entry for FindFiles (<c>WIN32_FIND_DATAW</c>).</summary>
public readonly record struct DokanFindData(
    string Name, FileAttributes Attributes, DateTimeOffset CreationTime, DateTimeOffset LastAccessTime, DateTimeOffset LastWriteTime, long Length);
