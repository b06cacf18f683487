namespace FtpMount.Testing;

/// <summary>
/// A test server could not be started or stopped: the servers are not installed, the test user is
/// missing, or the daemon failed. The message says which, and carries the daemon's own output.
/// </summary>
public sealed class FtpTestServerException : Exception
{
    /// <summary>The hint every "not installed" message ends with.</summary>
    public const string InstallHint = "Run `bash scripts/install-test-servers.sh` as root (it is idempotent) and try again.";

    /// <summary>Creates the exception.</summary>
    public FtpTestServerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the failure that caused it.</summary>
    public FtpTestServerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
