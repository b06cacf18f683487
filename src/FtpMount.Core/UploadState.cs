namespace FtpMount.Core;

/// <summary>Where a file waiting in the upload queue stands.</summary>
public enum UploadState
{
    /// <summary>Waiting for its start time: the write-back delay, or the pause before a retry.</summary>
    Waiting,

    /// <summary>Due, waiting for one of the connections uploads may use.</summary>
    Queued,

    /// <summary>Being sent now.</summary>
    Uploading,
}
