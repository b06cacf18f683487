using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FtpMount.Testing;

namespace FtpMount.Ftp.Tests.Servers;

/// <summary>
/// Just enough of an FTP control connection to prove that a test server is up: greeting, AUTH TLS, login
/// and single commands. Deliberately not an FTP client (that is src/FtpMount.Ftp); the TLS certificate
/// is checked by pinning <see cref="FtpTestServer.CertificateSha256"/>.
/// </summary>
internal sealed class RawFtpSession : IAsyncDisposable
{
    private readonly FtpTestServer _server;
    private readonly TcpClient _client;
    private Stream _stream;

    private RawFtpSession(FtpTestServer server, TcpClient client)
    {
        _server = server;
        _client = client;
        _stream = client.GetStream();
    }

    public X509Certificate2? LastTlsCertificate { get; private set; }

    /// <summary>Connects, and for implicit FTPS completes the TLS handshake; the greeting is left unread.</summary>
    public static async Task<RawFtpSession> ConnectAsync(FtpTestServer server, CancellationToken ct)
    {
        var client = new TcpClient();
        try
        {
            await client.ConnectAsync(server.Host, server.Port, ct);
            var session = new RawFtpSession(server, client);
            if (server.IsImplicitTls)
            {
                await session.StartTlsAsync(ct);
            }

            return session;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Reads the greeting, then AUTH TLS (explicit FTPS only), USER and PASS; asserts each reply.</summary>
    public async Task GreetAndLoginAsync(CancellationToken ct)
    {
        Assert.Equal(220, (await ReadReplyAsync(ct)).Code);
        if (_server.IsTls && !_server.IsImplicitTls)
        {
            Assert.Equal(234, (await SendAsync("AUTH TLS", ct)).Code);
            await StartTlsAsync(ct);
        }

        Assert.Equal(331, (await SendAsync("USER " + _server.UserName, ct)).Code);
        Assert.Equal(230, (await SendAsync("PASS " + _server.Password, ct)).Code);
    }

    public async Task<RawReply> SendAsync(string command, CancellationToken ct)
    {
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(command + "\r\n"), ct);
        return await ReadReplyAsync(ct);
    }

    /// <summary>Reads one reply, single- or multi-line (RFC 959 §4.2).</summary>
    public async Task<RawReply> ReadReplyAsync(CancellationToken ct)
    {
        var text = new StringBuilder();
        string? code = null;
        while (true)
        {
            string line = await ReadLineAsync(ct);
            text.Append(line).Append("\r\n");
            code ??= line[..3];
            bool multiLineStart = text.Length == line.Length + 2 && line.Length > 3 && line[3] == '-';
            if (!multiLineStart && line.StartsWith(code, StringComparison.Ordinal) && (line.Length == 3 || line[3] == ' '))
            {
                return new RawReply(int.Parse(code, CultureInfo.InvariantCulture), text.ToString());
            }
        }
    }

    /// <summary>
    /// Downloads a file over an EPSV (RFC 2428) data connection in binary mode, through TLS with PROT P when
    /// the server is FTPS, and returns the bytes with the final reply (226, or e.g. 522). The data TLS session
    /// resumes the control one when <paramref name="dataTlsHost"/> is left null: same TargetHost, same options.
    /// </summary>
    public async Task<(byte[] Data, RawReply Final)> RetrieveAsync(string name, CancellationToken ct, string? dataTlsHost = null)
    {
        Assert.Equal(200, (await SendAsync("TYPE I", ct)).Code);
        if (_server.IsTls)
        {
            Assert.Equal(200, (await SendAsync("PBSZ 0", ct)).Code);
            Assert.Equal(200, (await SendAsync("PROT P", ct)).Code);
        }

        RawReply epsv = await SendAsync("EPSV", ct);
        Assert.Equal(229, epsv.Code);
        string portText = epsv.Text[(epsv.Text.IndexOf("|||", StringComparison.Ordinal) + 3)..];
        int port = int.Parse(portText[..portText.IndexOf('|', StringComparison.Ordinal)], CultureInfo.InvariantCulture);

        using var data = new TcpClient();
        await data.ConnectAsync(_server.Host, port, ct);
        RawReply opening = await SendAsync("RETR " + name, ct);
        Assert.True(opening.Code is 125 or 150, opening.Text);
        using var contents = new MemoryStream();
        Stream stream = data.GetStream();
        try
        {
            if (_server.IsTls)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = tls;
                await tls.AuthenticateAsClientAsync(TlsOptions(dataTlsHost ?? _server.TlsSessionHostName), ct);
            }

            await stream.CopyToAsync(contents, ct);
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
        {
            // The server refused the data connection; its reason follows on the control connection.
        }
        finally
        {
            await stream.DisposeAsync();
        }

        return (contents.ToArray(), await ReadReplyAsync(ct));
    }

    /// <summary>
    /// Reads (and discards) until the server closes the connection; a reset counts as closed too. Call it
    /// only when the server is expected to hang up, with a deadline in <paramref name="ct"/>.
    /// </summary>
    public async Task WaitForServerToCloseAsync(CancellationToken ct)
    {
        byte[] buffer = new byte[256];
        try
        {
            while (await _stream.ReadAsync(buffer, ct) > 0)
            {
            }
        }
        catch (IOException)
        {
            // ECONNRESET: closed as well.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client.Dispose();
    }

    private async Task StartTlsAsync(CancellationToken ct)
    {
        var tls = new SslStream(_stream, leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(TlsOptions(_server.TlsSessionHostName), ct);
        _stream = tls;
    }

    private SslClientAuthenticationOptions TlsOptions(string targetHost) => new()
    {
        TargetHost = targetHost,
        // As FtpTlsSettings: a TLS 1.3 ticket arrives after the handshake and may not be read before the next data
        // connection starts, which then cannot resume and gets vsftpd's 522 (seen under load in CI).
        EnabledSslProtocols = System.Security.Authentication.SslProtocols.Tls12,
        AllowTlsResume = true,
        RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            LastTlsCertificate = certificate is null ? null : new X509Certificate2(certificate);
            return certificate is not null
                && Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())) == _server.CertificateSha256;
        },
    };

    private async Task<string> ReadLineAsync(CancellationToken ct)
    {
        var bytes = new List<byte>();
        byte[] one = new byte[1];
        while (true)
        {
            if (await _stream.ReadAsync(one, ct) == 0)
            {
                throw new IOException($"Connection closed by {_server} after \"{Encoding.UTF8.GetString([.. bytes])}\".");
            }

            if (one[0] == (byte)'\n')
            {
                return Encoding.UTF8.GetString([.. bytes]).TrimEnd('\r');
            }

            bytes.Add(one[0]);
        }
    }
}
