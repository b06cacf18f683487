using System.Diagnostics;
using System.Text;
using FtpMount.Cli.Native;
using FtpMount.Cli.Tests.Hosting;
using FtpMount.Testing;
using FtpMount.Testing.Processes;

namespace FtpMount.Cli.Tests.Installer;

/// <summary>
/// The .deb from installer/linux/build-deb.sh, installed for real with dpkg: mounted through mount(8) and
/// mount.fuse3, through an /etc/fstab line, and through the systemd unit's own commands; then purged.
/// Needs root, fuse3, dpkg-dev, systemd (for systemd-analyze) and the test FTP servers.
/// </summary>
[Collection(InstallerTestGroup.Name)]
[Trait("Category", "Integration")]
public sealed class DebPackageTests(InstallerBuild build) : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _temp = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _temp.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task Package_metadata_and_file_list_match_the_layout()
    {
        var fields = (await HostCommand.RunAsync("dpkg-deb", ["-f", build.DebPath], Deadline, Ct)).Succeeded().Output;
        Assert.Contains("Package: ftpmount\n", fields, StringComparison.Ordinal);
        Assert.Contains($"Version: {build.Version}\n", fields, StringComparison.Ordinal);
        Assert.Contains("Architecture: amd64\n", fields, StringComparison.Ordinal);
        Assert.Matches("(?m)^Depends: fuse3(,|$)", fields);

        // Debian 13 ships libfuse3-4 (libfuse 3.17+, which ftpmount loads as well as 3.10-3.16) and, like Ubuntu 24.04, libssl3t64.
        Assert.Matches(@"(?m)^Depends: .*\blibfuse3-4 \| libfuse3-3\b", fields);
        Assert.Matches(@"(?m)^Depends: .*\blibssl3t64 \| libssl3\b", fields);
        Assert.Equal($"ftpmount_{build.Version}_amd64.deb", Path.GetFileName(build.DebPath));

        Assert.Equal(ExpectedFiles.Order(), (await PackageFilesAsync()).Order());

        var control = Path.Combine(_temp.Path, "control");
        (await HostCommand.RunAsync("dpkg-deb", ["-e", build.DebPath, control], Deadline, Ct)).Succeeded();
        Assert.Equal("/etc/ftpmount/example.conf\n", await File.ReadAllTextAsync(Path.Combine(control, "conffiles"), Ct));
        foreach (var script in new[] { "postinst", "postrm" })
        {
            // Installing a package must never enable or start a mount: the scripts only reload systemd.
            var code = (await File.ReadAllLinesAsync(Path.Combine(control, script), Ct))
                .Where(line => !line.TrimStart().StartsWith('#'));
            Assert.DoesNotContain(code, line => line.Contains("enable", StringComparison.Ordinal) || line.Contains("start", StringComparison.Ordinal));
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task Installed_package_mounts_through_mount_and_fstab_and_purge_removes_its_files()
    {
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Pyftpdlib, null, Ct);
        server.CreateFile("hello.txt", "hello through the package"u8);
        var passwordFile = _temp.File("password", server.Password + "\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var source = $"ftp://{server.UserName}@127.0.0.1:{server.Port}/";
        var environment = HostCommand.IsolatedEnvironment(_temp.Path);
        var mountPoint = HostState.NewMountPoint();
        try
        {
            (await HostState.DpkgAsync(Ct, "-i", build.DebPath)).Succeeded();
            foreach (var file in ExpectedFiles)
            {
                Assert.True(File.Exists(file) || Directory.Exists(file), $"{file} is missing after dpkg -i.");
            }

            // mount(8) -> /sbin/mount.fuse3 -> "ftpmount SOURCE MOUNTPOINT -o password_file=...,dev,suid".
            (await HostCommand.RunAsync("mount", ["-t", "fuse.ftpmount", source, mountPoint, "-o", "password_file=" + passwordFile],
                Deadline, Ct, environment)).Succeeded();
            await AssertServesAndUnmountsAsync(mountPoint);

            using (new FstabEntry($"{source} {mountPoint} fuse.ftpmount noauto,_netdev,x-systemd.automount,x-systemd.idle-timeout=60,password_file={passwordFile} 0 0"))
            {
                (await HostCommand.RunAsync("mount", [mountPoint], Deadline, Ct, environment)).Succeeded();
                await AssertServesAndUnmountsAsync(mountPoint);
            }

            (await HostState.DpkgAsync(Ct, "--purge", "ftpmount")).Succeeded();
            Assert.False(await HostState.IsPackageInstalledAsync(Ct));
            foreach (var file in ExpectedFiles)
            {
                Assert.False(File.Exists(file) || Directory.Exists(file), $"{file} is still there after dpkg --purge.");
            }
        }
        finally
        {
            await HostState.DetachAsync(mountPoint);
            await HostState.RemoveLeftoversAsync(build.RepositoryRoot, CancellationToken.None);
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task Installed_unit_verifies_and_its_start_and_stop_commands_mount_a_config()
    {
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Pyftpdlib, null, Ct);
        server.CreateFile("unit.txt", "hello through the unit"u8);
        var name = "installer-test-" + Guid.NewGuid().ToString("N")[..8];
        var config = $"/etc/ftpmount/mounts.d/{name}.conf";
        var credential = $"/etc/ftpmount/credentials/{name}";
        var mountPoint = HostState.NewMountPoint();
        try
        {
            (await HostState.DpkgAsync(Ct, "-i", build.DebPath)).Succeeded();
            await File.WriteAllTextAsync(config,
                $"# written by {nameof(DebPackageTests)}\nurl = ftp://{server.UserName}@127.0.0.1:{server.Port}/\nmountpoint = {mountPoint}\noptions = dir_cache_ttl=1\n", Ct);
            await File.WriteAllTextAsync(credential, server.Password + "\n", Ct);
            File.SetUnixFileMode(credential, UnixFileMode.UserRead | UnixFileMode.UserWrite);

            // The instance, as systemd would load it: template found beside the (absent) instance file.
            var verify = await HostCommand.RunAsync(
                "systemd-analyze", ["verify", $"/lib/systemd/system/ftpmount@{name}.service"], Deadline, Ct);
            Assert.True(verify.ExitCode == 0 && verify.Error.Trim().Length == 0 && verify.Output.Trim().Length == 0, verify.Describe());

            // The user unit (systemctl --user) as a user manager would load it.
            var verifyUser = await HostState.VerifyUserUnitAsync(name, Ct);
            Assert.True(verifyUser.ExitCode == 0 && (verifyUser.Error + verifyUser.Output).Trim().Length == 0, verifyUser.Describe());

            var unit = await File.ReadAllLinesAsync(HostState.UnitTemplate, Ct);
            var start = Command(unit, "ExecStart", name);
            var stop = Command(unit, "ExecStop", name);
            Assert.Contains("Type=notify", unit);
            Assert.Contains($"LoadCredential=ftpmount-password:/etc/ftpmount/credentials/%i", unit);

            // 1. As systemd runs it: the credential copied into $CREDENTIALS_DIRECTORY, READY=1 on $NOTIFY_SOCKET, SIGTERM stops.
            var credentials = Directory.CreateDirectory(Path.Combine(_temp.Path, "credentials")).FullName;
            File.Copy(credential, Path.Combine(credentials, "ftpmount-password"));
            using (var running = await StartUnitAsync(start, credentials))
            {
                await AssertServesAsync(mountPoint, "unit.txt", "hello through the unit");
                Assert.Equal(0, LibC.kill(running.Id, LibC.SIGTERM));
                await running.WaitForExitAsync(Ct).WaitAsync(Deadline, Ct);
                Assert.Equal(0, running.ExitCode);
                Assert.False(HostState.IsMounted(mountPoint), "SIGTERM did not unmount.");
            }

            // 2. Without /etc/ftpmount/credentials/NAME systemd passes the SetCredential= fallback, a lone newline; the
            //    password then comes from password_file= in the config. ExecStop unmounts and the service process ends.
            File.Delete(credential);
            await File.WriteAllTextAsync(Path.Combine(credentials, "ftpmount-password"), "\n", Ct);
            var passwordFile = Path.Combine(_temp.Path, "password");
            await File.WriteAllTextAsync(passwordFile, server.Password + "\n", Ct);
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            await File.AppendAllTextAsync(config, $"password_file = {passwordFile}\n", Ct);
            using (var running = await StartUnitAsync(start, credentials))
            {
                await AssertServesAsync(mountPoint, "unit.txt", "hello through the unit");
                (await HostCommand.RunAsync(stop[0].TrimStart('-'), stop.Skip(1), Deadline, Ct)).Succeeded();
                await running.WaitForExitAsync(Ct).WaitAsync(Deadline, Ct);
                Assert.Equal(0, running.ExitCode);
                Assert.False(HostState.IsMounted(mountPoint), "ExecStop did not unmount.");
            }
        }
        finally
        {
            await HostState.DetachAsync(mountPoint);
            File.Delete(config);
            File.Delete(credential);
            await HostState.RemoveLeftoversAsync(build.RepositoryRoot, CancellationToken.None);
        }

        async Task<Process> StartUnitAsync(string[] command, string credentialsDirectory)
        {
            var socket = new NotifySocket(Path.Combine(_temp.Path, "notify-" + Guid.NewGuid().ToString("N")[..8]));
            var environment = HostCommand.IsolatedEnvironment(_temp.Path);
            environment["NOTIFY_SOCKET"] = socket.Path;
            environment["CREDENTIALS_DIRECTORY"] = credentialsDirectory;
            var info = DeadlineProcess.StartInfo(command[0], command.Skip(1), environment);
            // Runs as a service would, until stopped: only its log is read.
            info.RedirectStandardInput = false;
            info.RedirectStandardOutput = false;
            var process = Process.Start(info)!;
            var log = new StringBuilder();
            process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
            process.BeginErrorReadLine();
            try
            {
                var ready = socket.WaitForAsync("READY=1", Deadline, Ct);
                var exited = process.WaitForExitAsync(Ct);
                if (await Task.WhenAny(ready, exited) == exited)
                {
                    Assert.Fail($"{string.Join(' ', command)} exited with {process.ExitCode} before READY=1:\n{log}");
                }

                await ready;
                return process;
            }
            finally
            {
                socket.Dispose();
            }
        }
    }

    /// <summary>The files and directories the package installs (from layout.sh).</summary>
    private static readonly string[] ExpectedFiles =
    [
        HostState.InstalledBinary,
        HostState.UnitTemplate,
        HostState.UserUnitTemplate,
        "/etc/ftpmount",
        "/etc/ftpmount/example.conf",
        "/etc/ftpmount/mounts.d",
        "/etc/ftpmount/credentials",
        "/usr/share/man/man1/ftpmount.1.gz",
    ];

    private async Task<IEnumerable<string>> PackageFilesAsync()
    {
        var listing = (await HostCommand.RunAsync("dpkg-deb", ["-c", build.DebPath], Deadline, Ct)).Succeeded().Output;
        var shared = new[]
        {
            "/", "/etc", "/lib", "/lib/systemd", "/lib/systemd/system", "/usr", "/usr/bin", "/usr/lib", "/usr/lib/systemd",
            "/usr/lib/systemd/user", "/usr/share", "/usr/share/man", "/usr/share/man/man1",
        };
        return listing.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line[(line.LastIndexOf(' ') + 1)..].TrimStart('.').TrimEnd('/'))
            .Select(path => path.Length == 0 ? "/" : path)
            .Where(path => !shared.Contains(path));
    }

    private static string[] Command(string[] unit, string key, string instance)
    {
        var line = Assert.Single(unit, l => l.StartsWith(key + "=", StringComparison.Ordinal));
        return line[(key.Length + 1)..].Replace("%i", instance, StringComparison.Ordinal).Split(' ');
    }

    private static async Task AssertServesAsync(string mountPoint, string file, string content)
    {
        Assert.True(HostState.IsMounted(mountPoint), $"{mountPoint} is not mounted.");
        Assert.Equal(content, await File.ReadAllTextAsync(Path.Combine(mountPoint, file), Ct));
    }

    private static async Task AssertServesAndUnmountsAsync(string mountPoint)
    {
        await AssertServesAsync(mountPoint, "hello.txt", "hello through the package");
        Assert.Contains(HostState.ProcessesFor(mountPoint), pid => FtpmountBinary.ProcStrings(pid, "cmdline")?[0] == HostState.InstalledBinary);
        (await HostCommand.RunAsync("umount", [mountPoint], Deadline, Ct)).Succeeded();
        Assert.False(HostState.IsMounted(mountPoint));
        await Poll.UntilOrFailAsync(() => HostState.ProcessesFor(mountPoint).Count == 0, TimeSpan.FromSeconds(20),
            $"Timed out after 20 s waiting until the ftpmount serving {mountPoint} exits after umount.", Ct);
    }
}
