using FtpMount.Bench.Data;
using FtpMount.Bench.Mounts;

namespace FtpMount.Bench;

/// <summary>The data and the endpoint that every workload uses on one network.</summary>
internal sealed record NetworkRun(
    NetworkProfile Network,
    FtpEndpoint Endpoint,
    string LocalBigFile,
    string ServerBigFile,
    string WriteSource,
    string WriteSourceSha256,
    string TreeName,
    SmallFileArchive Archive)
{
    public WorkloadSizes Sizes => Network.Sizes;

    /// <summary>The latency proxy the FTP mounts connect through (null on loopback): it counts their commands and round trips.</summary>
    public FtpProxy.FtpProxy? Proxy { get; init; }
}
