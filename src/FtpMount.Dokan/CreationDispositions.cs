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

    /// <summary>Whether the disposition may create the object when it does not exist.</summary>
    public static bool Creates(this CreationDisposition disposition) =>
        disposition is CreationDisposition.CreateNew or CreationDisposition.CreateAlways or CreationDisposition.OpenAlways;
}
