namespace FtpMount.Dokan;

/// <summary>GetVolumeInformation's <c>FileSystemFlags</c> (winnt.h <c>FILE_*</c> volume flags) this adapter may report.</summary>
[Flags]
public enum FileSystemFeatures : uint
{
    None = 0,
    CaseSensitiveSearch = 0x00000001,
    CasePreservedNames = 0x00000002,
    UnicodeOnDisk = 0x00000004,
    PersistentAcls = 0x00000008,
    SupportsReparsePoints = 0x00000080,
    NamedStreams = 0x00040000,
    ReadOnlyVolume = 0x00080000,
    SupportsHardLinks = 0x00400000,
}
