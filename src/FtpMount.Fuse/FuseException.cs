namespace FtpMount.Fuse;

/// <summary>libfuse refused to create, mount or run a file system.</summary>
public sealed class FuseException : Exception
{
    public FuseException(string message)
        : base(message)
    {
    }

    public FuseException(string message, int result)
        : base($"{message} (libfuse returned {result})")
    {
        Result = result;
    }

    /// <summary>The libfuse return value, when there was one.</summary>
    public int Result { get; }
}
