namespace FtpMount.Dokan;

/// <summary>ZwCreateFile's kernel <c>CreateOptions</c> that matter here (wdm.h values, repeated in dokan/fileinfo.h).</summary>
[Flags]
public enum CreateOptions : uint
{
    None = 0,

    /// <summary>FILE_DIRECTORY_FILE: the object must be a directory (created as one with a creating disposition).</summary>
    DirectoryFile = 0x00000001,
    WriteThrough = 0x00000002,
    SequentialOnly = 0x00000004,

    /// <summary>FILE_NON_DIRECTORY_FILE: the object must not be a directory.</summary>
    NonDirectoryFile = 0x00000040,
    RandomAccess = 0x00000800,

    /// <summary>FILE_DELETE_ON_CLOSE: delete when the last handle closes; must be checked like DeleteFile at open.</summary>
    DeleteOnClose = 0x00001000,
    OpenReparsePoint = 0x00200000,
}
