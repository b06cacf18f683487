using System.Diagnostics;
using System.Globalization;
using FtpMount.Cli.Tests.Installer;
using FtpMount.Testing.Processes;

namespace FtpMount.Cli.Tests.UserMount;

/// <summary>
/// A real unprivileged account made for one test (<c>useradd --system</c>, a fresh name <c>ftpmt-XXXXXXXX</c>, no home
/// of its own: the test's session folder is its HOME) and removed by <see cref="DisposeAsync"/> (<c>userdel</c>), also
/// when the test fails. Commands run as it through <c>setpriv</c>: its uid, gid and groups, no capabilities, and
/// exactly the environment given (nothing of root's leaks in), without no_new_privs so that setuid fusermount3
/// works as on a desktop.
/// </summary>
internal sealed record LocalUser(string Name, uint Uid, uint Gid) : IAsyncDisposable
{
    public const string NamePrefix = "ftpmt-";

    private static readonly TimeSpan AccountTimeout = TimeSpan.FromMinutes(1);

    public static async Task<LocalUser> CreateAsync(CancellationToken cancel)
    {
        var name = NamePrefix + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
        var add = await HostCommand.RunAsync(
            "useradd",
            ["--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin",
                "--comment", "ftpmount user-mount test (removed by the test)", name],
            AccountTimeout,
            cancel);
        return Find(name)
            ?? throw new InvalidOperationException($"Could not create the test account {name} with useradd (needs root):\n{add.Describe()}");
    }

    /// <summary>Removes the account and its group; its processes must have ended (the session ends them first).</summary>
    public async ValueTask DisposeAsync()
    {
        var deleted = await HostCommand.RunAsync("userdel", [Name], AccountTimeout, CancellationToken.None);
        if (Find(Name) is not null)
        {
            throw new InvalidOperationException($"The test account {Name} is left on this machine (remove it with userdel {Name}):\n{deleted.Describe()}");
        }
    }

    /// <summary>name:password:uid:gid:gecos:home:shell (passwd(5)).</summary>
    private static LocalUser? Find(string name)
    {
        foreach (var line in File.ReadLines("/etc/passwd"))
        {
            var fields = line.Split(':');
            if (fields.Length >= 4 && fields[0] == name)
            {
                return new LocalUser(
                    name, uint.Parse(fields[2], CultureInfo.InvariantCulture), uint.Parse(fields[3], CultureInfo.InvariantCulture));
            }
        }

        return null;
    }

    /// <summary>Starts <paramref name="file"/> as this user with only <paramref name="environment"/> set.</summary>
    public Process Start(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var start = DeadlineProcess.StartInfo("setpriv", [$"--reuid={Uid}", $"--regid={Gid}", "--init-groups", "--", file, .. args]);
        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return DeadlineProcess.Start(start);
    }

    /// <summary>Runs <paramref name="file"/> as this user to its end, under a deadline (killed when it passes).</summary>
    public async Task<CommandResult> RunAsync(
        string file, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, CancellationToken cancel)
    {
        using var process = Start(file, args, environment);
        var result = await DeadlineProcess.FinishAsync(process, $"{file} {string.Join(' ', args)} (as {Name})", timeout, cancel);
        return new CommandResult($"{file} (as {Name})", result.ExitCode, result.Output, result.Error);
    }

    /// <summary>The effective uid of a running process, from /proc/PID/status.</summary>
    public static uint? UidOf(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            return line is null ? null : uint.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[2], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
