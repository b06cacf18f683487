using FtpMount.Testing.Daemons;
using FtpMount.Testing.Tls;

namespace FtpMount.Testing;

/// <summary>
/// A real FTP server (vsftpd, pure-ftpd, proftpd or pyftpdlib) running on 127.0.0.1 for one test, with a
/// fresh root directory and a test-only login. Needs root, and the servers installed by
/// <c>bash scripts/install-test-servers.sh</c>; without them <see cref="StartAsync"/> throws
/// <see cref="FtpTestServerException"/> naming the missing file.
/// </summary>
/// <example>
/// <code>
/// await using FtpTestServer server = await FtpTestServer.StartAsync(FtpServerKind.Proftpd);
/// server.CreateFile("dir/a.txt", "hello"u8);
/// // connect to server.Host:server.Port as server.UserName / server.Password
/// </code>
/// </example>
public sealed class FtpTestServer : ITestFtpServer
{
    /// <summary>How long a daemon gets to answer with a 220 greeting.</summary>
    public static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(15);

    private const string LoopbackAddress = "127.0.0.1";
    private const int StartAttempts = 3;

    private readonly ServerSetup _setup;
    private readonly ServerDaemon _daemon;
    private readonly TestUserFiles _files;

    // Serialises Kill, Restart and Dispose. Never disposed: SemaphoreSlim.Dispose would strand a waiter,
    // and without AvailableWaitHandle it owns nothing to release.
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private int _disposed;

    private FtpTestServer(ServerSetup setup, DaemonCommand command, FtpServerOptions options, TestCertificate? certificate)
    {
        _setup = setup;
        _daemon = new ServerDaemon(setup, command, IsImplicitTls ? certificate?.Sha256 : null);
        _files = new TestUserFiles(setup.Layout.RootDirectory, setup.Account);
        Options = options;
        CertificatePath = setup.Tls?.CertificatePath;
        CertificateSha256 = certificate?.Sha256;
    }

    /// <summary>Which daemon this is.</summary>
    public FtpServerKind Kind => _setup.Kind;

    /// <summary>The options the server was started with.</summary>
    public FtpServerOptions Options { get; }

    /// <summary>Always "127.0.0.1": the daemons listen on IPv4 loopback only.</summary>
    public string Host => _setup.Host;

    /// <summary>The control port; it stays the same across <see cref="RestartAsync"/>.</summary>
    public int Port => _setup.Port;

    /// <summary>The test user: "ftpmounttest" for every kind.</summary>
    public string UserName => _setup.Account.UserName;

    /// <summary>The test user's password: a fixed test-only credential. Do not write it to logs.</summary>
    public string Password => _setup.Account.Password;

    /// <summary>
    /// The local path of the FTP user's home, which the user sees as "/". Tests may create and inspect files
    /// here directly; files created by the test (as root) can be read but not changed through FTP, so use
    /// <see cref="CreateFile"/>, <see cref="CreateDirectory"/> or <see cref="GiveToTestUser"/> for anything the
    /// FTP user must be able to modify. Deleted on dispose.
    /// </summary>
    public string RootDirectory => _setup.Layout.RootDirectory;

    /// <summary>Whether the server speaks FTPS (explicit or implicit).</summary>
    public bool IsTls => _setup.Tls is not null;

    /// <summary>Whether TLS starts with the first byte of each connection (implicit FTPS).</summary>
    public bool IsImplicitTls => _setup.Kind == FtpServerKind.VsftpdImplicitTls;

    /// <summary>The server's self-signed certificate as PEM, for TLS servers; usable as a trust anchor.</summary>
    public string? CertificatePath { get; }

    /// <summary>SHA-256 of the certificate (DER), upper-case hex without separators, for pinning.</summary>
    public string? CertificateSha256 { get; }

    /// <summary>The host name to validate the certificate against ("localhost", its CN and only SAN).</summary>
#pragma warning disable CA1822 // An instance property, like the other connection facts, reads better in tests.
    public string TlsHostName => TestCertificate.HostName;
#pragma warning restore CA1822

    /// <summary>
    /// A TLS target name of this server's own ("s40123.localhost"), for clients that trust the certificate by its pin.
    /// .NET keeps one TLS session per target name for the whole process, and tests run several servers at once: with
    /// one shared name, another server's handshake can replace the session between a control and a data handshake,
    /// and the data connection then offers a session this server never issued (vsftpd answers 522).
    /// </summary>
    public string TlsSessionHostName => $"s{Port}.{TlsHostName}";

    /// <summary>The per-IP connection limit in force on the daemon.</summary>
    public int MaxConnectionsPerIp => _setup.MaxConnectionsPerIp;

    /// <summary>The idle timeout in force on the daemon (pure-ftpd rounds up to whole minutes).</summary>
    public TimeSpan IdleTimeout => TimeSpan.FromSeconds(_setup.IdleTimeoutSeconds);

    /// <summary>Whether the daemon is running (false after <see cref="KillAsync"/> until <see cref="RestartAsync"/>).</summary>
    public bool IsRunning => _daemon.IsRunning;

    /// <summary>
    /// Starts a server of <paramref name="kind"/> on a free loopback port and waits (up to
    /// <see cref="StartDeadline"/>) until it accepts a connection and sends a 220 greeting.
    /// </summary>
    /// <exception cref="FtpTestServerException">
    /// The servers are not installed, the process is not root, or the daemon did not come up; the message
    /// carries the command line and the daemon's output.
    /// </exception>
    public static async Task<FtpTestServer> StartAsync(
        FtpServerKind kind, FtpServerOptions? options = null, CancellationToken ct = default)
    {
        TestTier.RequireIntegration($"starts an FTP daemon ({kind})");
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown FtpServerKind.");
        }

        options ??= FtpServerOptions.Default;
        options.Validate();
        RequireRootOnLinux();
        ServerInstallation installation = ServerInstallation.Locate();
        installation.RequireFilesFor(kind);
        TestAccount account = TestAccount.Load();
        await StaleServerSweeper.EnsureSweptAsync().ConfigureAwait(false);

        for (int attempt = 1; ; attempt++)
        {
            ServerLayout layout = ServerLayout.Create(kind, account);
            FtpTestServer? server = null;
            try
            {
                server = await CreateAsync(kind, options, installation, account, layout, ct).ConfigureAwait(false);
                await server._daemon.StartAsync(StartDeadline, ct).ConfigureAwait(false);
                return server;
            }
            catch (Exception e)
            {
                if (server is not null)
                {
                    await server.DisposeAsync().ConfigureAwait(false);
                }
                else
                {
                    await layout.TryDeleteAsync().ConfigureAwait(false);
                }

                // The port was free when picked, but something else may have bound it since.
                if (e is FtpTestServerException && LooksLikePortTaken(e.Message) && attempt < StartAttempts)
                {
                    continue;
                }

                throw;
            }
        }
    }

    /// <summary>SIGKILLs the daemon and every session process it started, for fault-injection tests.</summary>
    public async Task KillAsync(CancellationToken ct = default)
    {
        await _lifecycle.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            await _daemon.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Stops the daemon if it runs (SIGKILL, sessions included) and starts it again with the same port, root
    /// directory, configuration and certificate.
    /// </summary>
    public async Task RestartAsync(CancellationToken ct = default)
    {
        await _lifecycle.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            await _daemon.StopAsync().ConfigureAwait(false);
            await _daemon.StartAsync(StartDeadline, ct).ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// The live processes of this server: the one the fixture started (the daemon, or the <c>unshare</c> that
    /// holds the daemon's PID namespace) and all its descendants (the namespace's init, the daemon, session
    /// processes). Empty when stopped.
    /// </summary>
    public IReadOnlyList<int> GetProcessIds() => _daemon.GetProcessIds();

    /// <summary>
    /// Writes a file under <see cref="RootDirectory"/> (creating parent folders), owned by the test user so
    /// the FTP user can also change, rename and delete it. Returns its local path.
    /// </summary>
    public string CreateFile(string relativePath, ReadOnlySpan<byte> contents) => _files.CreateFile(relativePath, contents);

    /// <summary>Creates a folder under <see cref="RootDirectory"/> (and its parents), owned by the test user.</summary>
    public string CreateDirectory(string relativePath) => _files.CreateDirectory(relativePath);

    /// <summary>
    /// Makes the test user own <paramref name="path"/> (absolute, or relative to <see cref="RootDirectory"/>)
    /// and, for a folder, everything below it. Symbolic links are changed themselves, never followed.
    /// </summary>
    public void GiveToTestUser(string path) => _files.GiveToTestUser(path);

    /// <summary>The daemon's captured stdout/stderr and its log files, for a failing test's message.</summary>
    public string ReadServerLog() => _daemon.ReadLog();

    /// <summary>
    /// Kills the daemon and all of its session processes, waits until they are gone, and deletes the server
    /// folder. Safe to call more than once.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            await _daemon.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _setup.Layout.TryDeleteAsync().ConfigureAwait(false);
            _lifecycle.Release();
        }
    }

    /// <summary>For test output: "Proftpd on 127.0.0.1:40123".</summary>
    public override string ToString() => $"{Kind} on {Host}:{Port}";

    private static void RequireRootOnLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new FtpTestServerException("FtpTestServer runs the Debian packages of the FTP daemons and needs Linux.");
        }

        // vsftpd authenticates through PAM (/etc/shadow) and all daemons chroot and switch to the test user.
        if (!Environment.IsPrivilegedProcess)
        {
            throw new FtpTestServerException(
                "FtpTestServer needs root: the daemons chroot into the server folder and switch to the test user. "
                + "Run the tests as root (as CI does).");
        }
    }

    private static async Task<FtpTestServer> CreateAsync(
        FtpServerKind kind,
        FtpServerOptions options,
        ServerInstallation installation,
        TestAccount account,
        ServerLayout layout,
        CancellationToken ct)
    {
        TestCertificate? certificate = null;
        TlsFiles? tls = null;
        if (FtpServerKinds.IsTls(kind))
        {
            certificate = TestCertificate.Get(options.CertificateKind);
            tls = new TlsFiles(
                ConfigFile.Write(layout.CertificatePath, certificate.CertificatePem, ConfigFile.WorldReadable),
                ConfigFile.Write(Path.Combine(layout.ConfigDirectory, "server.key"), certificate.PrivateKeyPem));
        }

        int idleSeconds = options.IdleTimeoutSeconds ?? FtpServerOptions.DefaultIdleTimeoutSeconds;
        var setup = new ServerSetup(
            kind,
            LoopbackAddress,
            LoopbackPort.PickFree(),
            layout,
            account,
            installation,
            options.MaxConnectionsPerIp ?? FtpServerOptions.DefaultMaxConnections,
            kind == FtpServerKind.PureFtpd ? PureFtpd.EffectiveIdleTimeoutSeconds(idleSeconds) : idleSeconds,
            options.RequireTlsSessionReuse,
            tls,
            options.NameEncoding);
        if (options.NameEncoding is not null && kind != FtpServerKind.Pyftpdlib)
        {
            throw new FtpTestServerException($"FtpServerOptions.NameEncoding is implemented for pyftpdlib only, not {kind}.");
        }

        DaemonCommand command = kind switch
        {
            FtpServerKind.Vsftpd or FtpServerKind.VsftpdExplicitTls or FtpServerKind.VsftpdImplicitTls => Vsftpd.Prepare(setup),
            FtpServerKind.PureFtpd => await PureFtpd.PrepareAsync(setup, ct).ConfigureAwait(false),
            FtpServerKind.Proftpd => Proftpd.Prepare(setup),
            FtpServerKind.Pyftpdlib => Pyftpdlib.Prepare(setup),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown FtpServerKind."),
        };
        return new FtpTestServer(setup, command, options, certificate);
    }

    private static bool LooksLikePortTaken(string message) =>
        message.Contains("in use", StringComparison.OrdinalIgnoreCase)
        || message.Contains("could not bind", StringComparison.OrdinalIgnoreCase);
}
