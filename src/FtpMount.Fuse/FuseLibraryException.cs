namespace FtpMount.Fuse;

/// <summary>
/// libfuse 3 is missing, too old, or lacks an entry point ftpmount needs. The message names the library files
/// looked for and the package that provides them.
/// </summary>
public sealed class FuseLibraryException : Exception
{
    public FuseLibraryException(string message)
        : base(message)
    {
    }
}
