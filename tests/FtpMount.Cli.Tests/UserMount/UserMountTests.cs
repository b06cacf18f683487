using System.Text.Json;
using FtpMount.Cli.Hosting;
using FtpMount.Cli.Tests.Installer;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.UserMount;

/// <summary>
/// A normal user mounts without root, as on a desktop: a real unprivileged account runs the real ftpmount against
/// real servers, with /dev/fuse open to users and the setuid fusermount3 doing the mount and the unmount. Everything
/// the mount keeps (status socket, spool) is in the user's own folders, never root's.
/// </summary>
[Collection(UserMountGroup.Name)]
[Trait("Category", "Integration")]
public sealed class UserMountTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = 300_000)]
    [InlineData(FtpServerKind.Pyftpdlib)]
    [InlineData(FtpServerKind.Vsftpd)]
    public async Task A_normal_user_mounts_uses_asks_status_and_unmounts_without_root(FtpServerKind kind)
    {
        await using var server = await FtpTestServer.StartAsync(kind, null, Ct);
        server.CreateFile("hello.txt", "hello from the server\n"u8);
        await using var user = await LocalUser.CreateAsync(Ct);
        await using var session = await UserSession.CreateAsync(user, Ct);
        var source = $"ftp://{server.UserName}@127.0.0.1:{server.Port}/";
        var environment = session.Environment(("FTPMOUNT_PASSWORD", server.Password));
        await AssertCanRunFtpmountAsync(session);

        using var device = FuseDeviceAccess.Remember();
        if (!device.WasOpenToUsers)
        {
            // As the machine was: only root may open /dev/fuse, and the user hears that in one sentence.
            var refused = await session.FtpmountAsync([source, session.MountPoint], environment, Ct);
            Assert.True(refused.ExitCode == ExitCodes.Mountpoint, refused.Describe());
            Assert.Contains("/dev/fuse is not open to this user", refused.Error, StringComparison.Ordinal);
            Assert.False(session.IsMounted);
        }

        device.OpenToEveryone();
        if (!UserAllowOtherIsSet())
        {
            var allowOther = await session.FtpmountAsync([source, session.MountPoint, "-o", "allow_other"], environment, Ct);
            Assert.True(allowOther.ExitCode == ExitCodes.Usage, allowOther.Describe());
            Assert.Contains("user_allow_other", allowOther.Error, StringComparison.Ordinal);
            Assert.False(session.IsMounted);
        }

        var mount = await session.FtpmountAsync([source, session.MountPoint], environment, Ct);
        Assert.True(mount.ExitCode == 0, mount.Describe());
        var entry = session.Entry;
        Assert.True(entry is { FileSystemType: "fuse.ftpmount" }, $"{session.MountPoint} is not an ftpmount mount.");
        Assert.Equal(user.Uid, entry.FuseOwner);
        var daemon = Assert.Single(HostState.ProcessesFor(session.MountPoint));
        Assert.Equal(user.Uid, LocalUser.UidOf(daemon));

        // Used as the user: files show as theirs, reads, a new file, a folder, a rename.
        var use = await session.ShellAsync(
            $"""
            cd '{session.MountPoint}'
            cat hello.txt
            stat -c 'owner %u' hello.txt
            printf 'written by a normal user' > new.txt
            mkdir -p sub
            mv new.txt sub/moved.txt
            cat sub/moved.txt; echo
            ls
            """, Ct);
        Assert.True(use.ExitCode == 0, use.Describe());
        Assert.Contains("hello from the server", use.Output, StringComparison.Ordinal);
        Assert.Contains($"owner {user.Uid}", use.Output, StringComparison.Ordinal);
        Assert.Contains("written by a normal user\n", use.Output, StringComparison.Ordinal);
        Assert.Equal("written by a normal user", await File.ReadAllTextAsync(Path.Combine(server.RootDirectory, "sub", "moved.txt"), Ct));
        Assert.False(File.Exists(Path.Combine(server.RootDirectory, "new.txt")));

        // Status as the user: found among the user's mounts, its socket in the user's runtime folder (0700, theirs).
        var status = await session.FtpmountAsync(["status"], session.Environment(), Ct);
        Assert.True(status.ExitCode == 0, status.Describe());
        Assert.Contains($"{session.MountPoint}  {source}  (pid {daemon})", status.Output, StringComparison.Ordinal);
        var json = await session.FtpmountAsync(["status", "--json", session.MountPoint], session.Environment(), Ct);
        Assert.True(json.ExitCode == 0, json.Describe());
        using (var document = JsonDocument.Parse(json.Output))
        {
            Assert.Equal(1, document.RootElement.GetProperty("version").GetInt32());
            Assert.Equal(session.MountPoint, document.RootElement.GetProperty("mountPoint").GetString());
            Assert.Equal(daemon, document.RootElement.GetProperty("pid").GetInt32());
        }

        var sockets = Path.Combine(session.RuntimeDirectory, "ftpmount");
        var socket = Assert.Single(Directory.GetFiles(sockets, "*.sock"));
        await AssertPrivateFolderOfAsync(user, sockets);
        Assert.Equal(user.Uid, await OwnerOfAsync(socket));
        Assert.False(File.Exists(Path.Combine("/run/ftpmount", Path.GetFileName(socket))), "the user's mount put its socket in root's folder");

        // The spool: under the user's own cache folder, 0700, the user's; nothing of it in root's home.
        var spools = Path.Combine(session.Home, ".cache", "ftpmount", "spool");
        var spool = Assert.Single(Directory.GetDirectories(spools));
        await AssertPrivateFolderOfAsync(user, spool);
        await AssertPrivateFolderOfAsync(user, Assert.Single(Directory.GetDirectories(spool)));
        Assert.False(Directory.Exists(Path.Combine("/root/.cache/ftpmount/spool", Path.GetFileName(spool))), "the user's mount used root's spool");

        // ftpmount unmount as the user (fusermount3 -u): the mount, its process and its socket go.
        var unmount = await session.FtpmountAsync(["unmount", session.MountPoint], session.Environment(), Ct);
        Assert.True(unmount.ExitCode == 0, unmount.Describe());
        Assert.False(session.IsMounted);
        await Poll.UntilOrFailAsync(() => !Directory.Exists($"/proc/{daemon}"), TimeSpan.FromSeconds(60), "Timed out after 60 s waiting until the user's ftpmount process exits.", Ct);
        Assert.False(File.Exists(socket), "the status socket outlived the mount");
        var after = await session.FtpmountAsync(["status", session.MountPoint], session.Environment(), Ct);
        Assert.Equal(ExitCodes.Failure, after.ExitCode);
    }

    [Fact(Timeout = 300_000)]
    public async Task The_user_unit_commands_mount_a_config_of_the_user_and_stop_it()
    {
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Pyftpdlib, null, Ct);
        server.CreateFile("unit.txt", "hello through the user unit"u8);
        await using var user = await LocalUser.CreateAsync(Ct);
        await using var session = await UserSession.CreateAsync(user, Ct);
        await AssertCanRunFtpmountAsync(session);
        using var device = FuseDeviceAccess.Remember();
        device.OpenToEveryone();

        // ~/.config/ftpmount/mounts.d/NAME.conf and a password file, both the user's, as the unit's comment says.
        var name = "nas";
        var mounts = Directory.CreateDirectory(Path.Combine(session.ConfigHome, "ftpmount", "mounts.d")).FullName;
        var passwordFile = Path.Combine(session.ConfigHome, "ftpmount", "nas.password");
        await File.WriteAllTextAsync(passwordFile, server.Password + "\n", Ct);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await File.WriteAllTextAsync(Path.Combine(mounts, name + ".conf"),
            $"url = ftp://{server.UserName}@127.0.0.1:{server.Port}/\nmountpoint = {session.MountPoint}\npassword_file = {passwordFile}\n", Ct);
        await session.GiveToUserAsync(session.ConfigHome, Ct);

        // The unit's own ExecStart and ExecStop, with the specifiers a user manager fills in (%E = ~/.config).
        var unit = await File.ReadAllLinesAsync(Path.Combine(InstallerPaths.RepositoryRoot, "installer", "linux", "user", "ftpmount@.service"), Ct);
        Assert.DoesNotContain(unit, line => line.StartsWith("NoNewPrivileges=", StringComparison.Ordinal));
        Assert.Contains("WantedBy=default.target", unit);
        var start = Command(unit, "ExecStart", name, session.ConfigHome);
        var stop = Command(unit, "ExecStop", name, session.ConfigHome);

        var notifyDirectory = Directory.CreateDirectory(Path.Combine(session.Home, "notify")).FullName;
        await session.GiveToUserAsync(notifyDirectory, Ct);
        using var notify = new NotifySocket(Path.Combine(notifyDirectory, "socket"));
        File.SetUnixFileMode(notify.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
        var (file, prefix) = UserSession.Ftpmount;
        using var service = user.Start(file, [.. prefix, .. start.Skip(1)], session.Environment(("NOTIFY_SOCKET", notify.Path)));
        var log = service.StandardError.ReadToEndAsync(Ct);
        try
        {
            var ready = notify.WaitForAsync("READY=1", Deadline, Ct);
            if (await Task.WhenAny(ready, service.WaitForExitAsync(Ct)) != ready)
            {
                Assert.Fail($"ExecStart exited with {service.ExitCode} before READY=1:\n{await log}");
            }

            await ready;
            Assert.Equal(user.Uid, session.Entry?.FuseOwner);
            var read = await session.ShellAsync($"cat '{session.MountPoint}/unit.txt'", Ct);
            Assert.Equal("hello through the user unit", read.Succeeded().Output);

            var stopped = await session.FtpmountAsync(stop.Skip(1), session.Environment(), Ct);
            Assert.True(stopped.ExitCode == 0, stopped.Describe());
            await service.WaitForExitAsync(Ct).WaitAsync(Deadline, Ct);
            Assert.True(service.ExitCode == 0, await log);
            Assert.False(session.IsMounted, "ExecStop did not unmount.");
        }
        finally
        {
            if (!service.HasExited)
            {
                service.Kill();
            }
        }

        // ftpmount mount-config NAME reads the same file for a normal user (root's is /etc/ftpmount/mounts.d).
        var byName = await session.FtpmountAsync(["mount-config", name], session.Environment(), Ct);
        Assert.True(byName.ExitCode == 0, byName.Describe());
        Assert.True(session.IsMounted);
        (await session.FtpmountAsync(["unmount", "--config", Path.Combine(mounts, name + ".conf")], session.Environment(), Ct)).Succeeded();
        Assert.False(session.IsMounted);
    }

    /// <summary>The built ftpmount.dll must be readable by other users, or nothing here can work.</summary>
    private static async Task AssertCanRunFtpmountAsync(UserSession session)
    {
        var version = await session.FtpmountAsync(["--version"], session.Environment(), Ct);
        Assert.True(version.ExitCode == 0,
            $"{session.User.Name} cannot run {UserSession.Ftpmount.Prefix[0]} (the checkout must be readable by other users):\n{version.Describe()}");
    }

    private static bool UserAllowOtherIsSet() =>
        File.Exists("/etc/fuse.conf") && File.ReadLines("/etc/fuse.conf").Any(line => line.Split('#')[0].Trim() == "user_allow_other");

    private static async Task AssertPrivateFolderOfAsync(LocalUser user, string folder)
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        Assert.Equal(user.Uid, await OwnerOfAsync(folder));
    }

    private static async Task<uint> OwnerOfAsync(string path)
    {
        var stat = (await HostCommand.RunAsync("stat", ["-c", "%u", path], Deadline, Ct)).Succeeded();
        return uint.Parse(stat.Output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string[] Command(string[] unit, string key, string instance, string configHome)
    {
        var line = Assert.Single(unit, l => l.StartsWith(key + "=", StringComparison.Ordinal));
        var command = line[(key.Length + 1)..].TrimStart('-')
            .Replace("%i", instance, StringComparison.Ordinal)
            .Replace("%E", configHome, StringComparison.Ordinal)
            .Split(' ');
        Assert.Equal("/usr/bin/ftpmount", command[0]);
        return command;
    }
}
