namespace FtpMount.Dokan;

/// <summary>The ACCESS_MASK bits ZwCreateFile receives (winnt.h); generic rights arrive already mapped to standard ones.</summary>
[Flags]
public enum DokanAccessMask : uint
{
    None = 0,
    ReadData = 0x0001,
    WriteData = 0x0002,
    AppendData = 0x0004,
    ReadExtendedAttributes = 0x0008,
    WriteExtendedAttributes = 0x0010,
    Execute = 0x0020,
    DeleteChild = 0x0040,
    ReadAttributes = 0x0080,
    WriteAttributes = 0x0100,
    Delete = 0x00010000,
    ReadControl = 0x00020000,
    WriteDac = 0x00040000,
    WriteOwner = 0x00080000,
    Synchronize = 0x00100000,
    MaximumAllowed = 0x02000000,
    GenericAll = 0x10000000,
    GenericExecute = 0x20000000,
    GenericWrite = 0x40000000,
    GenericRead = 0x80000000,
}
