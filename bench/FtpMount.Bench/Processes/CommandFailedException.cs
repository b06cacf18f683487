namespace FtpMount.Bench.Processes;

/// <summary>An external command failed or ran past its deadline; the message carries its command line and stderr.</summary>
internal sealed class CommandFailedException : Exception
{
    public CommandFailedException()
    {
    }

    public CommandFailedException(string message)
        : base(message)
    {
    }

    public CommandFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
