namespace FtpMount.Dokan;

/// <summary>CreateFile's <c>dwCreationDisposition</c> (fileapi.h), what ZwCreateFile's kernel disposition maps to.</summary>
public enum CreationDisposition
{
    /// <summary>Not a Win32 disposition: the kernel value was out of range.</summary>
    Invalid = 0,
    CreateNew = 1,
    CreateAlways = 2,
    OpenExisting = 3,
    OpenAlways = 4,
    TruncateExisting = 5,
}
