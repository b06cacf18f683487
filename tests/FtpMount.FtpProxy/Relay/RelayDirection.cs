namespace FtpMount.FtpProxy.Relay;

/// <summary>Which way a <see cref="DelayedPipe"/> carries bytes.</summary>
internal enum RelayDirection
{
    ToUpstream,
    ToClient,
}
