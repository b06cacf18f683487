using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FtpMount.Testing.Hostile.Commands;
using FtpMount.Testing.Hostile.Files;
using FtpMount.Testing.Hostile.Session;

namespace FtpMount.Testing.Hostile;

/// <summary>
/// An in-process FTP server on 127.0.0.1 over a local folder, real enough to be mounted by ftpmount, whose every
/// command a test can intercept to make it misbehave: short or cut transfers, lying or missing listing facts,
/// refused commands, stray replies, dripped replies, endless listings. Every command received is logged.
/// </summary>
/// <example>
/// <code>
/// await using var server = HostileFtpServer.Start();
/// server.CreateFile("f", new byte[100_000]);
/// using var _ = server.ShortenDownloads("/f", sendBytes: 50_000);   // RETR sends 50,000 bytes, then 226
/// // connect to server.Host:server.Port as server.UserName / server.Password; then:
/// Assert.False(server.Commands.Any("STOR", "APPE", "RNTO", "DELE"), server.Commands.ToString());
/// </code>
/// </example>
public sealed class HostileFtpServer : ITestFtpServer
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<ControlSession, Task> _sessions = [];
    private readonly bool _ownsRoot;
    private ImmutableArray<HookRegistration> _hooks = [];
    private IReadOnlyList<string> _features;
    private long _replyByteDelayTicks;
    private int _sessionCount;
    private Task? _acceptLoop;
    private int _disposed;

    private HostileFtpServer(HostileFtpServerOptions options, Socket listener, string root, bool ownsRoot)
    {
        Options = options;
        _listener = listener;
        _ownsRoot = ownsRoot;
        _features = options.Features;
        Files = new ConfinedRoot(root);
        Commands = new CommandLog(options.MaxLoggedCommands);
        Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    public HostileFtpServerOptions Options { get; }

    public string Host => "127.0.0.1";

    public int Port { get; }

    public string UserName => Options.UserName;

    public string Password => Options.Password;

    /// <summary>The served folder ("/"), links resolved. Seed and inspect files here; a temporary one is deleted on dispose.</summary>
    public string RootDirectory => Files.Directory;

    /// <summary>Every command received, from every session.</summary>
    public CommandLog Commands { get; }

    /// <summary>What FEAT lists to sessions that log in from now on (one feature per entry, as "REST STREAM").</summary>
    public IReadOnlyList<string> Features
    {
        get => Volatile.Read(ref _features);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            foreach (var feature in value)
            {
                ValidateFeature(feature);
            }

            Volatile.Write(ref _features, [.. value]);
        }
    }

    /// <summary>When positive, every reply is sent one byte at a time with this pause after each byte.</summary>
    public TimeSpan ReplyByteDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _replyByteDelayTicks));
        set => Interlocked.Exchange(ref _replyByteDelayTicks, value.Ticks);
    }

    /// <summary>Control connections open right now.</summary>
    public int ActiveSessions
    {
        get
        {
            lock (_lock)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>Control connections accepted since the start.</summary>
    public int SessionsStarted => Volatile.Read(ref _sessionCount);

    internal ConfinedRoot Files { get; }

    /// <summary>Starts listening on a free 127.0.0.1 port, serving <see cref="HostileFtpServerOptions.RootDirectory"/> or a fresh temporary folder.</summary>
    public static HostileFtpServer Start(HostileFtpServerOptions? options = null)
    {
        options = (options ?? HostileFtpServerOptions.Default).Validate();
        var ownsRoot = options.RootDirectory is null;
        var root = options.RootDirectory ?? Directory.CreateTempSubdirectory("ftpmount-hostile-").FullName;
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(64);
            var server = new HostileFtpServer(options, listener, root, ownsRoot);
            server._acceptLoop = Task.Run(server.AcceptAsync);
            return server;
        }
        catch
        {
            listener.Dispose();
            if (ownsRoot)
            {
                Directory.Delete(root, recursive: true);
            }

            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="hook"/> for every <paramref name="verb"/> command ("RETR"; "*" for every command) until the
    /// returned registration is disposed. Hooks registered later run first; each decides whether to call the next.
    /// </summary>
    public IDisposable Intercept(string verb, FtpCommandHook hook)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(verb);
        ArgumentNullException.ThrowIfNull(hook);
        var registration = new HookRegistration(this, verb.ToUpperInvariant(), hook);
        ImmutableInterlocked.Update(ref _hooks, hooks => hooks.Add(registration));
        return registration;
    }

    /// <summary>Removes every hook: the server behaves again.</summary>
    public void ClearHooks() => ImmutableInterlocked.Update(ref _hooks, _ => []);

    /// <summary>The local path of a server path ("dir/f" or "/dir/f"); it must stay inside the served folder.</summary>
    public string PathOf(string serverPath)
    {
        ArgumentNullException.ThrowIfNull(serverPath);
        var normalised = ServerPaths.Combine(ServerPaths.Root, serverPath);
        return normalised == ServerPaths.Root ? RootDirectory : RootDirectory + normalised;
    }

    /// <summary>Writes a file (creating its folders) and returns its local path.</summary>
    public string CreateFile(string serverPath, ReadOnlySpan<byte> contents)
    {
        var path = PathOf(serverPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, contents);
        return path;
    }

    /// <summary>Creates a folder (and its parents) and returns its local path.</summary>
    public string CreateDirectory(string serverPath) => Directory.CreateDirectory(PathOf(serverPath)).FullName;

    /// <summary>The commands received, for an assertion message.</summary>
    public string ReadServerLog() => $"commands received by {this}:\n{Commands}";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"HostileFtpServer on {Host}:{Port}");

    /// <summary>Stops accepting, ends every session and data connection, waits for their tasks and deletes a temporary root.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        Task[] running;
        lock (_lock)
        {
            foreach (var session in _sessions.Keys)
            {
                session.Abort();
            }

            running = [.. _sessions.Values];
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        _stopping.Dispose();
        if (_ownsRoot)
        {
            try
            {
                Directory.Delete(RootDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Something else still holds a file in it; the temp folder is cleaned by the OS.
            }
        }
    }

    internal static void ValidateFeature(string feature)
    {
        if (string.IsNullOrWhiteSpace(feature) || feature.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new ArgumentException($"Feature '{feature}' must be one non-empty line.", nameof(feature));
        }
    }

    internal ValueTask DispatchAsync(FtpCommandContext command)
    {
        FtpCommandHandler handler = BuiltInCommands.HandleAsync;
        foreach (var registration in _hooks)
        {
            if (registration.Verb == "*" || registration.Verb == command.Verb)
            {
                var inner = handler;
                var hook = registration.Hook;
                handler = c => hook(c, inner);
            }
        }

        return handler(command);
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // A client that gave up before accept: keep serving the others.
                continue;
            }

            client.NoDelay = true;
            var session = new ControlSession(this, client, Interlocked.Increment(ref _sessionCount));
            lock (_lock)
            {
                if (_stopping.IsCancellationRequested)
                {
                    client.Dispose();
                    return;
                }

                var task = _sessions.Count >= Options.MaxSessions
                    ? Task.Run(() => RefuseAsync(client))
                    : Task.Run(() => session.RunAsync(_stopping.Token));
                _sessions[session] = task;
                _ = task.ContinueWith(_ => Forget(session), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    private async Task RefuseAsync(Socket client)
    {
        using (client)
        {
            try
            {
                await IoDeadline.RunAsync(
                    async ct => await client.SendAsync("421 Too many connections.\r\n"u8.ToArray(), SocketFlags.None, ct).ConfigureAwait(false),
                    Options.IoTimeout,
                    "Refusing a session",
                    _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or TimeoutException or ObjectDisposedException)
            {
                // The client is gone already.
            }
        }
    }

    private void Forget(ControlSession session)
    {
        lock (_lock)
        {
            _sessions.Remove(session);
        }
    }

    private sealed class HookRegistration(HostileFtpServer server, string verb, FtpCommandHook hook) : IDisposable
    {
        public string Verb { get; } = verb;

        public FtpCommandHook Hook { get; } = hook;

        public void Dispose() => ImmutableInterlocked.Update(ref server._hooks, hooks => hooks.Remove(this));
    }
}
