namespace FtpMount.Fuse.Native;

/// <summary>
/// A path from the kernel that is not valid UTF-8. Decoding it with U+FFFD would make <c>a\xff</c> and
/// <c>a\xfe</c> the same remote name, so one could overwrite the other; the request is refused with EILSEQ instead.
/// </summary>
internal sealed class UndecodablePathException : Exception
{
    public UndecodablePathException()
        : base("The path is not valid UTF-8.")
    {
    }

    public UndecodablePathException(string message)
        : base(message)
    {
    }

    public UndecodablePathException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
