using System.Diagnostics;
using System.Globalization;
using FtpMount.Cli.Credentials;
using FtpMount.Cli.Hosting;
using FtpMount.Cli.Options;
using FtpMount.Ftp;
using FtpMount.Ftp.Data;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Listing;
using FtpMount.Ftp.Tls;
using Microsoft.Extensions.Logging.Abstractions;

namespace FtpMount.Cli.Doctor;

/// <summary>
/// <c>ftpmount doctor</c>: connects the way a mount would, then probes what matters to a mount — features, TLS and
/// session reuse, passive and active data connections, the per-IP connection limit, round-trip time — and says
/// what FtpMount will use and what to change when something is off.
/// </summary>
internal sealed class ServerDoctor(TextWriter output, TextWriter error)
{
    /// <summary>Probing stops at this many simultaneous connections; it is a check, not a load test.</summary>
    internal const int ConnectionProbeLimit = 12;

    public async Task<int> RunAsync(MountRequest request)
    {
        FtpCredentials credentials;
        try
        {
            credentials = new CredentialResolver(CredentialContext.FromProcess()).Resolve(request).Credentials;
        }
        catch (CredentialException e)
        {
            await error.WriteLineAsync("ftpmount: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Credentials;
        }

        var options = request.ToFtpClientOptions(credentials) with { RetryCount = 0, PoolWaitTimeout = TimeSpan.FromSeconds(30) };
        var report = new DoctorReport(output);
        report.Heading($"ftpmount doctor: {request.FileSystemName}");
        FtpSession session;
        try
        {
            session = await FtpSession.ConnectAsync(options, NullLogger.Instance).ConfigureAwait(false);
        }
        catch (FtpException e)
        {
            var failure = FailureClassifier.Classify(e, request);
            report.Problem("connect", failure.Sentence, ConnectAdvice(e, options));
            return failure.ExitCode;
        }

        await using (session.ConfigureAwait(false))
        {
            await ProbeSessionAsync(session, options, report).ConfigureAwait(false);
        }

        await ProbeActiveModeAsync(options, report).ConfigureAwait(false);
        await ProbeConnectionLimitAsync(options, report).ConfigureAwait(false);
        report.Heading(report.Problems == 0 ? "No problems found." : $"{report.Problems} problem(s) found; see the advice above.");
        return report.Problems == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static async Task ProbeSessionAsync(FtpSession session, FtpClientOptions options, DoctorReport report)
    {
        var features = session.Features;
        report.Found("features", features.ToString());
        report.Found("TLS", options.TlsMode switch
        {
            FtpTlsMode.Explicit => "explicit (AUTH TLS), data protected (PROT P)",
            FtpTlsMode.Implicit => "implicit, data protected (PROT P)",
            _ => "none: password and data travel in clear",
        });
        if (options.TlsMode == FtpTlsMode.None && features.AuthTls)
        {
            report.Problem("TLS", "the server offers AUTH TLS but it is not used", "mount with -o tls=explicit to protect the password and data.");
        }

        report.Found("listing", features.Mlst ? "MLSD (exact sizes and UTC times)" : "LIST (times to the minute, guessed year)");
        report.Found("set mtime", features.Mfmt ? "MFMT" : "MDTM with two arguments (vsftpd style) if accepted");
        report.Found("UTF-8", features.Utf8 ? "advertised" : "not advertised: non-ASCII names may be garbled");
        report.Found("resume", features.RestStream ? "REST STREAM" : "no REST: reads that seek restart from the start");

        var home = await Try(() => session.GetWorkingDirectoryAsync()).ConfigureAwait(false);
        report.Found("login directory", home.Value ?? $"unknown ({home.Error})");

        // Two listings in a row: each opens a data connection, which under TLS must resume the control session.
        var rtt = new List<double>();
        for (var i = 0; i < 2; i++)
        {
            var watch = Stopwatch.StartNew();
            var listing = await Try(() => session.ListAsync(home.Value ?? "/")).ConfigureAwait(false);
            if (listing.Value is null)
            {
                report.Problem(
                    "passive data",
                    $"a listing failed: {listing.Error}",
                    options.TlsMode == FtpTlsMode.None
                        ? "check that the server's passive port range is reachable (firewall, NAT); or try -o active."
                        : "if the reply is 522 or 425 the server demands TLS session reuse; ftpmount resumes sessions, so check the server's certificate and TLS settings.");
                break;
            }

            if (i == 1)
            {
                report.Found("passive data", $"works ({(options.TlsMode == FtpTlsMode.None ? "plain" : "TLS session resumed")}), {listing.Value.Entries.Count} entries in {watch.ElapsedMilliseconds} ms");
                CheckNameEncoding(listing.Value, home.Value ?? "/", options.NameEncoding, report);
            }
        }

        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            if ((await Try(async () => { await session.NoopAsync().ConfigureAwait(false); return true; }).ConfigureAwait(false)).Value)
            {
                rtt.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        if (rtt.Count > 0)
        {
            rtt.Sort();
            var median = rtt[rtt.Count / 2];
            report.Found("round trip", string.Create(CultureInfo.InvariantCulture, $"{median:0.0} ms (NOOP median)"));
            if (median > 100)
            {
                report.Problem("round trip", "high latency", "raise dir_cache_ttl= and attr_timeout= so fewer listings cross the network.");
            }
        }
    }

    /// <summary>Names the listing refused as invalid in the encoding in use: the server writes them in another.</summary>
    private static void CheckNameEncoding(FtpListing listing, string folder, FtpNameEncoding names, DoctorReport report)
    {
        var undecodable = listing.Rejected.Count(r => r.Reason is RejectReasons.InvalidUtf8 or RejectReasons.InvalidInEncoding);
        if (undecodable == 0)
        {
            report.Found("names", $"{listing.Entries.Count} in {folder} read as {names.Name}");
            return;
        }

        report.Problem(
            "names",
            $"{undecodable} name{(undecodable == 1 ? " is" : "s are")} not valid {names.Name} in {folder} and would be hidden",
            "the server writes names in a code page, not " + names.Name + ": mount with -o encoding=NAME (windows-1251 for "
            + "Cyrillic, windows-1252 or latin1 for Western European, shift_jis for Japanese, gbk for Chinese, cp437 for old "
            + "DOS hosts) and run ftpmount doctor with the same option to check.");
    }

    private static async Task ProbeActiveModeAsync(FtpClientOptions options, DoctorReport report)
    {
        var active = options with { DataConnectionMode = FtpDataConnectionMode.Active, DataTimeout = TimeSpan.FromSeconds(5), ConnectTimeout = TimeSpan.FromSeconds(5) };
        var outcome = await Try(async () =>
        {
            var session = await FtpSession.ConnectAsync(active, NullLogger.Instance).ConfigureAwait(false);
            await using (session.ConfigureAwait(false))
            {
                await session.ListAsync(await session.GetWorkingDirectoryAsync().ConfigureAwait(false)).ConfigureAwait(false);
                return true;
            }
        }).ConfigureAwait(false);
        report.Found("active data", outcome.Value ? "works (EPRT/PORT)" : $"does not work here ({outcome.Error}); passive is used, which is the default");
    }

    /// <summary>Opens connections one by one up to a bound and reports where the server said no.</summary>
    private static async Task ProbeConnectionLimitAsync(FtpClientOptions options, DoctorReport report)
    {
        var open = new List<FtpSession>();
        string? refusal = null;
        try
        {
            while (open.Count < ConnectionProbeLimit)
            {
                try
                {
                    open.Add(await FtpSession.ConnectAsync(options, NullLogger.Instance).ConfigureAwait(false));
                }
                catch (FtpException e)
                {
                    refusal = e.Message;
                    break;
                }
            }
        }
        finally
        {
            foreach (var session in open)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }

        var wanted = options.MaxConnections;
        if (refusal is null)
        {
            report.Found("connection limit", $"none reached at {ConnectionProbeLimit} connections; pool size {wanted}");
            return;
        }

        report.Found("connection limit", $"{open.Count} connection(s) accepted, then: {refusal}");
        if (open.Count < wanted)
        {
            report.Problem(
                "connection limit",
                $"the pool would use {wanted} but the server allows {open.Count} from here",
                $"mount with -o max_connections={Math.Max(1, open.Count)} (ftpmount adapts anyway, but waits less when told).");
        }
    }

    private static string ConnectAdvice(FtpException error, FtpClientOptions options) => error switch
    {
        FtpAuthenticationException => "check the user name and the password source (password_file=, FTPMOUNT_PASSWORD, ~/.netrc).",
        FtpTlsException when options.CertificateSha256 is null =>
            "if the server uses a self-signed certificate, pin it with -o fingerprint=SHA256; check tls_host= matches the certificate name.",
        FtpTlsException => "the pinned fingerprint does not match, or the server refused TLS: check tls= and fingerprint=.",
        FtpConnectionLostException => $"check the host name and port ({options.Host}:{options.Port}), and that a firewall lets you through.",
        FtpTimeoutException => "the server did not answer: check the port, and for tls=implicit that the port really speaks TLS (usually 990).",
        FtpConnectionLimitException => "the server has too many connections from this address; close other clients or retry later.",
        _ => "see the message above.",
    };

    private static async Task<(T? Value, string? Error)> Try<T>(Func<Task<T>> probe)
    {
        try
        {
            return (await probe().ConfigureAwait(false), null);
        }
        catch (FtpException e)
        {
            return (default, e.Message);
        }
    }
}
