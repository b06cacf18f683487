namespace FtpMount.Dokan;

/// <summary>The kernel's create dispositions (wdm.h <c>FILE_*</c>, repeated in dokan/fileinfo.h), as ZwCreateFile receives them.</summary>
public enum KernelCreateDisposition : uint
{
    /// <summary>FILE_SUPERSEDE: replace the object if it exists, else create it.</summary>
    Supersede = 0,

    /// <summary>FILE_OPEN: open the object; fail if it does not exist.</summary>
    Open = 1,

    /// <summary>FILE_CREATE: create the object; fail if it exists.</summary>
    Create = 2,

    /// <summary>FILE_OPEN_IF: open the object, creating it if it does not exist.</summary>
    OpenIf = 3,

    /// <summary>FILE_OVERWRITE: open and truncate the object; fail if it does not exist.</summary>
    Overwrite = 4,

    /// <summary>FILE_OVERWRITE_IF: open and truncate the object, creating it if it does not exist.</summary>
    OverwriteIf = 5,
}
