using FtpMount.Ftp.Data;
using FtpMount.Ftp.Tls;
using FtpMount.Testing;

namespace FtpMount.Ftp.Tests.Integration;

/// <summary>Client options pointing at a test server, with short deadlines so a broken test fails fast.</summary>
internal static class TestClients
{
    public static FtpClientOptions OptionsFor(FtpTestServer server, FtpDataConnectionMode mode = FtpDataConnectionMode.Passive) => new()
    {
        Host = server.Host,
        Port = server.Port,
        Credentials = new FtpCredentials(server.UserName, server.Password),
        TlsMode = server.IsImplicitTls ? FtpTlsMode.Implicit : server.IsTls ? FtpTlsMode.Explicit : FtpTlsMode.None,
        // The pin, not the name, is what trusts the test certificate; the name keeps this server's TLS session apart.
        TlsHostName = server.IsTls ? server.TlsSessionHostName : null,
        CertificateSha256 = server.IsTls ? server.CertificateSha256 : null,
        DataConnectionMode = mode,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ReplyTimeout = TimeSpan.FromSeconds(15),
        DataTimeout = TimeSpan.FromSeconds(20),
        AbortTimeout = TimeSpan.FromSeconds(8),
        PoolWaitTimeout = TimeSpan.FromSeconds(60),
        RetryBaseDelay = TimeSpan.FromMilliseconds(50),
    };

    public static Task<FtpSession> ConnectAsync(FtpTestServer server, FtpDataConnectionMode mode = FtpDataConnectionMode.Passive) =>
        FtpSession.ConnectAsync(OptionsFor(server, mode), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, TestContext.Current.CancellationToken);

    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory, TestContext.Current.CancellationToken);
        return memory.ToArray();
    }
}
