namespace FtpMount.Bench;

/// <summary>One network condition: straight to vsftpd on loopback, or through the latency proxy.</summary>
internal sealed record NetworkProfile(string Name, string Label, TimeSpan OneWayDelay, WorkloadSizes Sizes)
{
    public bool UsesProxy => OneWayDelay > TimeSpan.Zero;
}
