namespace FtpMount.Dokan;

/// <summary>Mounting through Dokan failed; <see cref="Result"/> is DokanCreateFileSystem's <c>DokanMainResult</c>.</summary>
public sealed class DokanException : Exception
{
    public DokanException()
    {
    }

    public DokanException(string message)
        : base(message)
    {
    }

    public DokanException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DokanException(int result, string message)
        : base(message)
    {
        Result = result;
    }

    public int Result { get; }
}
