namespace FtpMount.Dokan;

/// <summary>
/// The managed view of <c>DOKAN_FILE_INFO</c> for one call. <see cref="Context"/> and <see cref="IsDirectory"/>
/// are written back to the native struct after the call; the rest describe the request.
/// </summary>
public sealed class DokanFileInfo
{
    /// <summary>What ZwCreateFile stored for this open (0: nothing); Dokan hands it to every later call on the open.</summary>
    public ulong Context { get; set; }

    /// <summary>In ZwCreateFile: set when the object opened is a directory (and on input, when a directory was asked for).</summary>
    public bool IsDirectory { get; set; }

    /// <summary>In Cleanup: the object must be deleted now. In DeleteFile/DeleteDirectory: false withdraws a request.</summary>
    public bool DeletePending { get; set; }

    public bool PagingIo { get; set; }

    public bool SynchronousIo { get; set; }

    public bool NoCache { get; set; }

    /// <summary>WriteFile must append at the current end, ignoring its offset.</summary>
    public bool WriteToEndOfFile { get; set; }

    public int ProcessId { get; set; }
}
