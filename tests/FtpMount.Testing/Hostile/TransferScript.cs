namespace FtpMount.Testing.Hostile;

/// <summary>
/// How one RETR, STOR, APPE or listing uses its data connection. A hook sets these before calling the normal
/// handling: <c>StopAfterBytes = 50_000</c> makes a RETR send only the first 50,000 bytes and then end as
/// <see cref="End"/> says, followed by <see cref="FinalReply"/> ("226 Transfer complete" unless set).
/// </summary>
public sealed class TransferScript
{
    /// <summary>Data bytes sent (RETR, listings) or stored (STOR, APPE) before the data connection ends; null: all.</summary>
    public long? StopAfterBytes { get; set; }

    /// <summary>How the data connection ends once <see cref="StopAfterBytes"/> is reached (or the data is complete).</summary>
    public DataConnectionEnd End { get; set; } = DataConnectionEnd.Close;

    /// <summary>The reply after the data connection ended, instead of the normal one ("226 Transfer complete").</summary>
    public string? FinalReply { get; set; }

    /// <summary>A pause before each chunk of data is sent, to keep a transfer running while the test acts.</summary>
    public TimeSpan ChunkDelay { get; set; }

    /// <summary>Bytes per data write (RETR and listings); small values with <see cref="ChunkDelay"/> make a trickle.</summary>
    public int ChunkBytes { get; set; } = 64 * 1024;
}
