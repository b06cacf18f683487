namespace FtpMount.Core.Errors;

/// <summary>A filesystem operation failed with <see cref="Error"/>; the message says why in words.</summary>
public class RemoteFsException(FsError error, string message, Exception? innerException = null) : Exception(message, innerException)
{
    public FsError Error { get; } = error;
}
