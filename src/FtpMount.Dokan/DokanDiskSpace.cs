namespace FtpMount.Dokan;

/// <summary>GetDiskFreeSpace's three figures, in bytes.</summary>
public readonly record struct DokanDiskSpace(ulong FreeBytesAvailable, ulong TotalNumberOfBytes, ulong TotalNumberOfFreeBytes);
