using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Text;

namespace FtpMount.Testing;

/// <summary>
/// Checks that a server is really up: it accepts a TCP connection (after a TLS handshake, for implicit
/// FTPS) and sends a complete 220 reply. The probe then sends QUIT and reads until the server closes the
/// connection, so the probe's session is over before a test counts connections against a per-IP limit.
/// </summary>
internal static class GreetingProbe
{
    private const int MaxReplyBytes = 64 * 1024;

    internal enum Outcome
    {
        /// <summary>A 220 greeting arrived.</summary>
        Ready,

        /// <summary>Nothing usable yet (refused, reset, timed out); worth another try.</summary>
        NotYet,

        /// <summary>The server answered with something other than 220; trying again will not help.</summary>
        Rejected,
    }

    internal readonly record struct Result(Outcome Outcome, string Detail);

    /// <param name="implicitTlsSha256">For implicit FTPS, the certificate hash to pin; null for plain greetings.</param>
    internal static async Task<Result> TryAsync(
        string host, int port, string? implicitTlsSha256, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var client = new TcpClient();
        SslStream? tls = null;
        try
        {
            await client.ConnectAsync(host, port, deadline.Token).ConfigureAwait(false);
            Stream stream = client.GetStream();
            if (implicitTlsSha256 is not null)
            {
                tls = new SslStream(stream, leaveInnerStreamOpen: false);
                await tls.AuthenticateAsClientAsync(
                    new SslClientAuthenticationOptions
                    {
                        TargetHost = Tls.TestCertificate.HostName,
                        RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                            certificate is not null
                            && string.Equals(
                                Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())),
                                implicitTlsSha256,
                                StringComparison.Ordinal),
                    },
                    deadline.Token).ConfigureAwait(false);
                stream = tls;
            }

            string reply = await ReadReplyAsync(stream, deadline.Token).ConfigureAwait(false);
            if (!reply.StartsWith("220", StringComparison.Ordinal))
            {
                return new Result(Outcome.Rejected, reply.TrimEnd());
            }

            await stream.WriteAsync("QUIT\r\n"u8.ToArray(), deadline.Token).ConfigureAwait(false);
            await DrainUntilClosedAsync(stream, deadline.Token).ConfigureAwait(false);
            return new Result(Outcome.Ready, reply.TrimEnd());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Result(Outcome.NotYet, $"no complete reply within {timeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is SocketException or IOException or AuthenticationException)
        {
            return new Result(Outcome.NotYet, e.Message);
        }
        finally
        {
            if (tls is not null)
            {
                await tls.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads one reply, single- or multi-line (RFC 959 §4.2: "ddd-" opens, "ddd " closes).</summary>
    private static async Task<string> ReadReplyAsync(Stream stream, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var line = new List<byte>();
        byte[] buffer = new byte[1];
        string? code = null;
        while (text.Length < MaxReplyBytes)
        {
            if (await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new IOException($"Connection closed after \"{text}\" before a complete reply.");
            }

            line.Add(buffer[0]);
            if (buffer[0] != (byte)'\n')
            {
                continue;
            }

            string current = Encoding.UTF8.GetString(line.ToArray());
            line.Clear();
            text.Append(current);
            code ??= current.Length >= 3 ? current[..3] : current;
            bool last = current.Length >= 4 && current.StartsWith(code, StringComparison.Ordinal) && current[3] == ' ';
            if (last || (text.Length == current.Length && current.Length >= 4 && current[3] != '-'))
            {
                return text.ToString();
            }
        }

        throw new IOException($"Reply longer than {MaxReplyBytes} bytes.");
    }

    private static async Task DrainUntilClosedAsync(Stream stream, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[1024];
        try
        {
            while (await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The greeting already proved the server is up; a slow or unclean close does not change that.
        }
    }
}
