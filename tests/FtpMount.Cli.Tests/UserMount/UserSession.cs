using FtpMount.Cli.Mounting;
using FtpMount.Cli.Tests.Hosting;
using FtpMount.Cli.Tests.Installer;

namespace FtpMount.Cli.Tests.UserMount;

/// <summary>
/// What a desktop login gives a user, made for one test under /tmp/ftpmount-usermount-*: a home folder and a
/// runtime folder (<c>$XDG_RUNTIME_DIR</c>, 0700, as pam_systemd makes /run/user/UID), both the user's, and a mount
/// point in the home. Runs the built ftpmount.dll as the user. Disposing unmounts whatever is still mounted there
/// (as root: <c>fusermount3 -u -z</c>), ends the processes serving it and removes the folders.
/// </summary>
internal sealed class UserSession : IAsyncDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly string _base;

    private UserSession(LocalUser user, string directory)
    {
        User = user;
        _base = directory;
        Home = Path.Combine(directory, "home");
        RuntimeDirectory = Path.Combine(Home, "run");
        MountPoint = Path.Combine(Home, "mnt");
    }

    public LocalUser User { get; }

    public string Home { get; }

    public string RuntimeDirectory { get; }

    public string MountPoint { get; }

    public string ConfigHome => Path.Combine(Home, ".config");

    public static async Task<UserSession> CreateAsync(LocalUser user, CancellationToken cancel)
    {
        var directory = Directory.CreateTempSubdirectory("ftpmount-usermount-").FullName;
        File.SetUnixFileMode(directory, Private | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var session = new UserSession(user, directory);
        foreach (var folder in new[] { session.Home, session.RuntimeDirectory, session.MountPoint })
        {
            Directory.CreateDirectory(folder, Private);
        }

        await session.GiveToUserAsync(session.Home, cancel);
        return session;
    }

    /// <summary>chown -R to the user: files the test writes into the user's folders (configs, password files).</summary>
    public async Task GiveToUserAsync(string path, CancellationToken cancel) =>
        (await HostCommand.RunAsync("chown", ["-R", $"{User.Uid}:{User.Gid}", path], CommandTimeout, cancel)).Succeeded();

    /// <summary>A login's environment: PATH (for fusermount3), HOME and XDG_RUNTIME_DIR; nothing else of root's.</summary>
    public Dictionary<string, string> Environment(params (string Name, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
            ["HOME"] = Home,
            ["XDG_RUNTIME_DIR"] = RuntimeDirectory,
            ["LANG"] = "C.UTF-8",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        foreach (var (name, value) in extra)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>The dotnet host and ftpmount.dll, as a command line for the user.</summary>
    public static (string File, string[] Prefix) Ftpmount =>
        (System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "/usr/bin/dotnet", [FtpmountBinary.DllPath]);

    /// <summary>ftpmount ARGS as the user, to its end.</summary>
    public Task<CommandResult> FtpmountAsync(IEnumerable<string> args, Dictionary<string, string> environment, CancellationToken cancel)
    {
        FtpMount.Testing.TestTier.RequireIntegration("runs the ftpmount binary as a normal user");
        var (file, prefix) = Ftpmount;
        return User.RunAsync(file, [.. prefix, .. args], environment, CommandTimeout, cancel);
    }

    /// <summary>A shell script as the user (ls, cat, cp, mv on the mount).</summary>
    public Task<CommandResult> ShellAsync(string script, CancellationToken cancel) =>
        User.RunAsync("/bin/sh", ["-ec", script], Environment(), CommandTimeout, cancel);

    public bool IsMounted => MountTable.Find(MountTable.Read(), MountPoint) is not null;

    public MountEntry? Entry => MountTable.Find(MountTable.Read(), MountPoint);

    public async ValueTask DisposeAsync()
    {
        if (IsMounted)
        {
            await HostCommand.RunAsync("fusermount3", ["-u", "-z", MountPoint], CommandTimeout, CancellationToken.None);
        }

        foreach (var pid in HostState.ProcessesFor(MountPoint))
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
                await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or TimeoutException)
            {
                // Gone already, or stuck: the folder removal below reports what is left.
            }
        }

        Directory.Delete(_base, recursive: true);
    }
}
