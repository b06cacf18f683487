namespace FtpMount.Dokan;

/// <summary>
/// GetVolumeInformation's answer. The header asks for a label of at most 32 characters (some Windows parts
/// expect no more) and a file system name of at most 10.
/// </summary>
public readonly record struct DokanVolumeInformation(
    string VolumeLabel, uint SerialNumber, int MaximumComponentLength, FileSystemFeatures Features, string FileSystemName);
