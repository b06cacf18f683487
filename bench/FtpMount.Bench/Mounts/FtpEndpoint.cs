namespace FtpMount.Bench.Mounts;

/// <summary>Where a mount connects: vsftpd itself or the latency proxy in front of it. The password never goes on a command line.</summary>
internal sealed record FtpEndpoint(string Host, int Port, string UserName, string Password)
{
    public override string ToString() => $"{UserName}@{Host}:{Port}";
}
