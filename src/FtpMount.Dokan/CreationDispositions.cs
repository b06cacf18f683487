using FtpMount.Core;

namespace FtpMount.Dokan;

/// <summary>
/// ZwCreateFile's kernel <c>CreateDisposition</c> (wdm.h <c>FILE_SUPERSEDE</c> … <c>FILE_OVERWRITE_IF</c>, repeated in
/// dokan/fileinfo.h) to the Win32 disposition, as DokanMapKernelToUserCreateFileFlags maps it. FILE_SUPERSEDE
/// (replace whatever is there) and FILE_OVERWRITE_IF (truncate or create) both become CREATE_ALWAYS: on FTP either
/// one ends as "the file now has only the new content"; there are no attributes or streams to keep or lose.
/// </summary>
public static class CreationDispositions
{
    public static CreationDisposition FromKernel(uint kernelDisposition) => (KernelCreateDisposition)kernelDisposition switch
    {
        KernelCreateDisposition.Create => CreationDisposition.CreateNew,
        KernelCreateDisposition.Open => CreationDisposition.OpenExisting,
        KernelCreateDisposition.OpenIf => CreationDisposition.OpenAlways,
        KernelCreateDisposition.Overwrite => CreationDisposition.TruncateExisting,
        KernelCreateDisposition.Supersede or KernelCreateDisposition.OverwriteIf => CreationDisposition.CreateAlways,
        _ => CreationDisposition.Invalid,
    };

    /// <summary>
    /// What a creating disposition does to a file that another CreateFile of the name made meanwhile (it was absent
    /// when this one looked): as to any existing file, fail (CREATE_NEW), open it (OPEN_ALWAYS) or empty it.
    /// </summary>
    public static CreateOverOpen WhenOpenAlready(this CreationDisposition disposition) => disposition switch
    {
        CreationDisposition.CreateNew => CreateOverOpen.Refuse,
        CreationDisposition.OpenAlways => CreateOverOpen.Keep,
        _ => CreateOverOpen.Truncate,
    };

    /// <summary>Whether the disposition may create the object when it does not exist.</summary>
    public static bool Creates(this CreationDisposition disposition) =>
        disposition is CreationDisposition.CreateNew or CreationDisposition.CreateAlways or CreationDisposition.OpenAlways;
}
