using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using FtpMount.Bench.Processes;
using FtpMount.Testing;

namespace FtpMount.Bench.Ssh;

/// <summary>
/// A private sshd on 127.0.0.1 for the sshfs anchor: its own config, host key and authorized key, all generated in
/// <c>WORK/ssh</c> (never /etc/ssh or root's ~/.ssh), run in the foreground (<c>sshd -f CONFIG -D -e</c>) and
/// stopped with its whole process tree on dispose. Key authentication only; the one user allowed is the FTP test
/// user, whose shell is nologin, so sessions are forced to sshd's built-in SFTP server.
/// </summary>
internal sealed class SshServer : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/sshd";

    /// <summary>sshd's privilege separation folder; systemd's ssh.service creates it, a foreground sshd needs it to exist.</summary>
    private const string PrivilegeSeparationDirectory = "/run/sshd";

    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(30);
    private const int StartAttempts = 3;
    private const int KeptLines = 40;

    private readonly Process _process;
    private readonly string _pidFile;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private bool _logClosed;
    private int _disposed;

    private SshServer(Process process, StreamWriter log, int port, string directory, string pidFile, string hostPublicKey, string userName)
    {
        _process = process;
        _log = log;
        Port = port;
        Directory = directory;
        _pidFile = pidFile;
        HostPublicKey = hostPublicKey;
        UserName = userName;
    }

    public static string Host => "127.0.0.1";

    public int Port { get; }

    public string Directory { get; }

    /// <summary>The login sshd accepts: the FTP test user, so files written through sshfs have the owner FTP uploads get.</summary>
    public string UserName { get; }

    /// <summary>"ssh-ed25519 AAAA...": the host key the bench's known_hosts files pin.</summary>
    public string HostPublicKey { get; }

    /// <summary>The private key sshfs logs in with (0600, no passphrase, generated for this run).</summary>
    public string ClientKey => Path.Combine(Directory, "client_key");

    public string RecentOutput() => _output.IsEmpty ? "(no output)" : string.Join(" | ", _output);

    /// <summary>Writes a known_hosts file that accepts exactly this server's host key at <paramref name="port"/> (sshd's, or a relay's).</summary>
    public void WriteKnownHosts(string path, int port) =>
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $"[{Host}]:{port} {HostPublicKey}\n"));

    /// <summary>
    /// Generates the keys and config in <paramref name="directory"/> (emptied first) and starts sshd; <paramref name="pidFile"/>
    /// names the process for bench/run.sh's cleanup if this program dies.
    /// </summary>
    public static async Task<SshServer> StartAsync(string directory, string userName, string pidFile, CancellationToken cancellationToken)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: install openssh-server (bench/run.sh does).");
        }

        if (System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }

        // 0755, not 0700: sshd reads authorized_keys as the user logging in. The private keys in it are 0600 (ssh-keygen).
        const UnixFileMode Mode0755 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        System.IO.Directory.CreateDirectory(directory, Mode0755);
        System.IO.Directory.CreateDirectory(PrivilegeSeparationDirectory, Mode0755);

        var hostKey = Path.Combine(directory, "host_key");
        var clientKey = Path.Combine(directory, "client_key");
        await GenerateKeyAsync(hostKey, "ftpmount-bench-host", cancellationToken).ConfigureAwait(false);
        await GenerateKeyAsync(clientKey, "ftpmount-bench-client", cancellationToken).ConfigureAwait(false);
        var authorizedKeys = Path.Combine(directory, "authorized_keys");
        File.Copy(clientKey + ".pub", authorizedKeys, overwrite: true);
        var hostPublicKey = string.Join(' ', File.ReadAllText(hostKey + ".pub").Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2));

        for (var attempt = 1; ; attempt++)
        {
            // Another process may take the port between the pick and sshd's bind; sshd then exits and a new port is tried.
            var port = LoopbackPort.PickFree();
            var config = Path.Combine(directory, "sshd_config");
            await File.WriteAllTextAsync(config, Config(port, hostKey, authorizedKeys, userName), cancellationToken).ConfigureAwait(false);
            var start = new ProcessStartInfo(Binary)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in (string[])["-f", config, "-D", "-e"])
            {
                start.ArgumentList.Add(argument);
            }

            var process = new Process { StartInfo = start };
            process.Start();
            await File.WriteAllTextAsync(pidFile, process.Id.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            var log = new StreamWriter(Path.Combine(directory, "sshd.log"), append: attempt > 1) { AutoFlush = true };
            var server = new SshServer(process, log, port, directory, pidFile, hostPublicKey, userName);
            process.OutputDataReceived += (_, e) => server.Keep(e.Data);
            process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await server.WaitForBannerAsync(cancellationToken).ConfigureAwait(false);
                return server;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts && server.RecentOutput().Contains("Bind to port", StringComparison.Ordinal))
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>Stops sshd and any session process it forked (they are its descendants).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(StopDeadline);
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            Console.Error.WriteLine($"  note: stopping sshd (pid {_process.Id}): {e.Message}");
        }
        finally
        {
            File.Delete(_pidFile);
            _process.Dispose();
            lock (_logLock)
            {
                _logClosed = true;
                _log.Dispose();
            }
        }
    }

    // Every line departs from Debian's defaults only where a private, unprivileged-port, key-only sshd needs it.
    // StrictModes no: authorized_keys lives in the bench's work folder under /var/tmp (mode 1777), and the test
    // user's home is /, so StrictModes' walk from the file up to / would refuse it. UsePAM no: key authentication
    // needs no PAM session, and the test servers' PAM setup is theirs.
    private static string Config(int port, string hostKey, string authorizedKeys, string userName) => new StringBuilder()
        .Append("ListenAddress 127.0.0.1\n")
        .Append(CultureInfo.InvariantCulture, $"Port {port}\n")
        .Append(CultureInfo.InvariantCulture, $"HostKey {hostKey}\n")
        .Append(CultureInfo.InvariantCulture, $"AuthorizedKeysFile {authorizedKeys}\n")
        .Append(CultureInfo.InvariantCulture, $"AllowUsers {userName}\n")
        .Append("PidFile none\n")
        .Append("UsePAM no\n")
        .Append("StrictModes no\n")
        .Append("PubkeyAuthentication yes\n")
        .Append("PasswordAuthentication no\n")
        .Append("KbdInteractiveAuthentication no\n")
        .Append("PermitRootLogin no\n")
        .Append("AllowTcpForwarding no\n")
        .Append("AllowAgentForwarding no\n")
        .Append("X11Forwarding no\n")
        .Append("Subsystem sftp internal-sftp\n")
        .Append("ForceCommand internal-sftp\n")
        .ToString();

    private static Task<CommandResult> GenerateKeyAsync(string path, string comment, CancellationToken cancellationToken) =>
        CommandRunner.RunCheckedAsync(
            "ssh-keygen", ["-q", "-t", "ed25519", "-N", string.Empty, "-C", comment, "-f", path], TimeSpan.FromMinutes(1), cancellationToken);

    /// <summary>Waits until sshd accepts a connection and sends its "SSH-2.0-" identification.</summary>
    private async Task WaitForBannerAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"sshd exited with {_process.ExitCode} before listening on port {Port}: {RecentOutput()}");
            }

            if (clock.Elapsed > StartDeadline)
            {
                throw new TimeoutException($"sshd did not answer on port {Port} within {StartDeadline.TotalSeconds:0} s: {RecentOutput()}");
            }

            if (await TryReadBannerAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> TryReadBannerAsync(CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), deadline.Token).ConfigureAwait(false);
            var buffer = new byte[8];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    return false;
                }

                read += n;
            }

            return Encoding.ASCII.GetString(buffer) == "SSH-2.0-";
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    private void Keep(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        lock (_logLock)
        {
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }
        }

        _output.Enqueue(line);
        while (_output.Count > KeptLines && _output.TryDequeue(out _))
        {
        }
    }
}
