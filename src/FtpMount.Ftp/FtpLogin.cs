using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Protocol;
using FtpMount.Ftp.Tls;
using Microsoft.Extensions.Logging;

namespace FtpMount.Ftp;

/// <summary>
/// Brings a new control connection to a ready state: greeting, TLS (explicit or implicit), login, FEAT, UTF-8,
/// data protection and binary type. Fails closed: when TLS was asked for, nothing is ever sent in clear.
/// </summary>
internal static class FtpLogin
{
    public static async Task<FtpSession> ConnectAsync(FtpClientOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var tls = options.TlsMode == FtpTlsMode.None ? null : new FtpTlsSettings(options.EffectiveTlsHostName, options.CertificateSha256, options.AllowTls13, options.TrustedCertificatesPath);
        var control = await FtpControlConnection.ConnectAsync(
            options, options.TlsMode == FtpTlsMode.Implicit ? tls : null, logger, cancellationToken).ConfigureAwait(false);
        try
        {
            await ReadGreetingAsync(control, cancellationToken).ConfigureAwait(false);
            if (options.TlsMode == FtpTlsMode.Explicit)
            {
                var auth = await control.ExecuteAsync("AUTH TLS", cancellationToken).ConfigureAwait(false);
                if (auth.Code != 234)
                {
                    throw new FtpTlsException(
                        $"The server refused AUTH TLS ({auth.Code} {FtpReplyReader.Printable(auth.Message)}); TLS was required, so the connection was closed instead of continuing in plaintext.",
                        auth);
                }

                await control.UpgradeToTlsAsync(tls!, cancellationToken).ConfigureAwait(false);
            }

            await LogInAsync(control, options.Credentials, cancellationToken).ConfigureAwait(false);

            // Only after login: FEAT may differ before it (IIS and others hide features from anonymous sessions).
            var features = FtpFeatures.Parse(await control.ExecuteAsync("FEAT", cancellationToken).ConfigureAwait(false));

            // With a code page (-o encoding) the server must stay in it: IIS and FileZilla Server switch to UTF-8 here.
            if (options.NameEncoding.IsUtf8)
            {
                var utf8 = await control.ExecuteAsync("OPTS UTF8 ON", cancellationToken).ConfigureAwait(false);
                if (!utf8.IsSuccess)
                {
                    // pure-ftpd answers 504 and pyftpdlib 501 although both use UTF-8: a refusal is harmless.
                    FtpLog.Utf8Refused(logger, utf8.Code);
                }
            }

            if (tls is not null)
            {
                FtpReplyChecks.ExpectSuccess(await control.ExecuteAsync("PBSZ 0", cancellationToken).ConfigureAwait(false), "PBSZ 0");
                FtpReplyChecks.ExpectSuccess(await control.ExecuteAsync("PROT P", cancellationToken).ConfigureAwait(false), "PROT P");
            }

            FtpReplyChecks.ExpectSuccess(await control.ExecuteAsync("TYPE I", cancellationToken).ConfigureAwait(false), "TYPE I");
            FtpLog.Connected(logger, $"{options.Host}:{options.Port}", options.TlsMode.ToString(), features.ToString());
            return new FtpSession(control, options, tls, features, logger);
        }
        catch
        {
            await control.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task ReadGreetingAsync(FtpControlConnection control, CancellationToken cancellationToken)
    {
        var greeting = await control.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        if (greeting.Code == 120)
        {
            // "Service ready in nnn minutes": the real greeting follows.
            greeting = await control.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        }

        if (greeting.Code == 421)
        {
            // vsftpd max_per_ip, pure-ftpd -C and pyftpdlib max_cons_per_ip all refuse at connect with 421.
            throw new FtpConnectionLimitException(
                $"The server refused the connection: {greeting.Code} {FtpReplyReader.Printable(greeting.Message)}", greeting);
        }

        if (greeting.Code != 220)
        {
            throw greeting.IsSuccess
                ? new FtpProtocolException($"Unexpected greeting {greeting}", greeting)
                : FtpReplyChecks.Failure(greeting, "Connecting");
        }
    }

    private static async Task LogInAsync(FtpControlConnection control, FtpCredentials credentials, CancellationToken cancellationToken)
    {
        var user = await control.ExecuteAsync($"USER {credentials.UserName}", cancellationToken).ConfigureAwait(false);
        if (user.Code == 230)
        {
            return;
        }

        if (user.Code != 331)
        {
            throw LoginFailure(user, credentials.UserName);
        }

        var pass = await control.ExecuteAsync($"PASS {credentials.Password}", cancellationToken).ConfigureAwait(false);
        if (pass.Code is not (230 or 202))
        {
            throw LoginFailure(pass, credentials.UserName);
        }
    }

    private static FtpException LoginFailure(FtpReply reply, string userName)
    {
        if (IsConnectionLimit(reply))
        {
            return new FtpConnectionLimitException(
                $"The server refused the login because of a connection limit: {reply.Code} {FtpReplyReader.Printable(reply.Message)}", reply);
        }

        if (reply.Code is 530 or 331 or 332)
        {
            return new FtpAuthenticationException(
                $"Login as \"{userName}\" was refused: {reply.Code} {FtpReplyReader.Printable(reply.Message)}. Check the user name and password.", reply);
        }

        return FtpReplyChecks.Failure(reply, $"Login as \"{userName}\"");
    }

    /// <summary>
    /// proftpd's MaxClientsPerHost answers 530 at PASS ("Sorry, the maximum number of clients (n) from your host are
    /// already connected"), which must not be taken for a wrong password.
    /// </summary>
    internal static bool IsConnectionLimit(FtpReply reply)
    {
        if (reply.Code == 421)
        {
            return true;
        }

        var text = reply.AllText;
        return reply.Code == 530
               && (text.Contains("maximum number", StringComparison.OrdinalIgnoreCase)
                   || text.Contains("too many", StringComparison.OrdinalIgnoreCase)
                   || text.Contains("connection limit", StringComparison.OrdinalIgnoreCase));
    }
}
