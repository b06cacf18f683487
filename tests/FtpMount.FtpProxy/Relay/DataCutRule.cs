namespace FtpMount.FtpProxy.Relay;

/// <summary>
/// One <see cref="FtpProxy.ResetDataConnectionsAfter"/> call. A class, not a record: each call is a new rule by
/// identity, so a data connection counts its allowance from the call even when the byte count repeats.
/// </summary>
internal sealed class DataCutRule(long bytes)
{
    public long Bytes { get; } = bytes;
}
