using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FtpMount.Ftp.Tls;
using Microsoft.Extensions.Logging.Abstractions;

namespace FtpMount.Ftp.Tests.Scripted;

/// <summary>
/// Bytes a server (or a man in the middle) pipelines after "234" and before the TLS handshake must never be read
/// as replies afterwards (curl CVE-2021-22947). The server here injects a "230" there: if the client trusted it,
/// every later reply would be off by one and the login would fail.
/// </summary>
public class TlsInjectionTests
{
    [Fact(Timeout = 30_000)]
    public async Task Plaintext_pipelined_after_AUTH_TLS_is_dropped_not_read_as_a_reply()
    {
        var ct = TestContext.Current.CancellationToken;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var exportable = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var commands = new List<string>();
        var serverTask = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync(ct);
            var plain = client.GetStream();
            await plain.WriteAsync("220 hello\r\n"u8.ToArray(), ct);
            var buffer = new byte[256];
            var read = await plain.ReadAsync(buffer, ct);
            commands.Add(Encoding.ASCII.GetString(buffer, 0, read).TrimEnd());
            await plain.WriteAsync("234 go ahead\r\n230 injected before the handshake\r\n"u8.ToArray(), ct);
            using var tls = new SslStream(plain);
            await tls.AuthenticateAsServerAsync(exportable, false, false);
            using var reader = new StreamReader(tls, Encoding.ASCII);
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                commands.Add(line);
                var reply = line == "FEAT" ? "211-Features:\r\n SIZE\r\n211 End\r\n" : ScriptedFtpServer.LoginReply(line) ?? "200 ok\r\n";
                await tls.WriteAsync(Encoding.ASCII.GetBytes(reply), ct);
                if (line == "QUIT")
                {
                    return;
                }
            }
        }, ct);

        var options = new FtpClientOptions
        {
            Host = "127.0.0.1",
            Port = ((IPEndPoint)listener.LocalEndpoint).Port,
            Credentials = new FtpCredentials("u", "p"),
            TlsMode = FtpTlsMode.Explicit,
            TlsHostName = "localhost",
            CertificateSha256 = Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)),
            ReplyTimeout = TimeSpan.FromSeconds(5),
        };
        await using (var session = await FtpSession.ConnectAsync(options, NullLogger.Instance, ct))
        {
            Assert.True(session.IsTls);
            Assert.True(session.Features.Size, "the FEAT reply was read in its place, not the injected 230");
            Assert.Equal("/", await session.GetWorkingDirectoryAsync(ct));
        }

        await serverTask.WaitAsync(TimeSpan.FromSeconds(10), ct);
        listener.Stop();
        Assert.Equal("AUTH TLS", commands[0]);
        Assert.Contains("PASS p", commands);
    }
}
