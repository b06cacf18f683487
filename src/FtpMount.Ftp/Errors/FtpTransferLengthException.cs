namespace FtpMount.Ftp.Errors;

/// <summary>
/// A download delivered another number of bytes than the size the server gave for the file: it ended early (a cut
/// data connection looks like end of file in stream mode, and some servers say 226 anyway) or ran past it (the file
/// changed). Carries both counts, so a caller can tell the two apart and re-check the file.
/// </summary>
public sealed class FtpTransferLengthException(string action, long expected, long received)
    : FtpIntegrityException(received < expected
        ? $"{action} ended after {received} of the {expected} bytes the server announced."
        : $"{action} delivered more than the {expected} bytes the server announced.")
{
    /// <summary>The bytes the transfer should have delivered (the known size, minus the REST offset).</summary>
    public long Expected { get; } = expected;

    /// <summary>The bytes it delivered: fewer than <see cref="Expected"/> for an early end, more for an overrun.</summary>
    public long Received { get; } = received;
}
