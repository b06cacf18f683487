namespace FtpMount.Testing.Libfuse;

/// <summary>A vendored libfuse release could not be built; the message names what is missing or what failed.</summary>
public sealed class LibfuseBuildException : Exception
{
    public LibfuseBuildException(string message)
        : base(message)
    {
    }

    public LibfuseBuildException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LibfuseBuildException()
    {
    }
}
