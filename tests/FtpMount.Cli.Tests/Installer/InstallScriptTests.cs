namespace FtpMount.Cli.Tests.Installer;

/// <summary>
/// installer/linux/install.sh and uninstall.sh run for real, as root, with the binary from the .deb build
/// (<c>--binary</c>; the build step itself is build-deb.sh's, shared through layout.sh and run by the fixture).
/// </summary>
[Collection(InstallerTestGroup.Name)]
[Trait("Category", "Integration")]
public sealed class InstallScriptTests(InstallerBuild build)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>What install.sh creates on a machine without ftpmount: "f" files and "d" directories.</summary>
    private static readonly string[] ExpectedManifest =
    [
        "d /etc/ftpmount",
        "d /etc/ftpmount/credentials",
        "d /etc/ftpmount/mounts.d",
        "d /var/lib/ftpmount",
        "f /etc/ftpmount/example.conf",
        "f /lib/systemd/system/ftpmount@.service",
        "f /usr/bin/ftpmount",
        "f /usr/lib/systemd/user/ftpmount@.service",
        "f /usr/share/man/man1/ftpmount.1.gz",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Script(string name) => Path.Combine(build.LinuxInstallerDirectory, name);

    [Fact(Timeout = 120_000)]
    public async Task Install_script_installs_the_layout_and_uninstall_removes_exactly_it()
    {
        Assert.False(Directory.Exists(HostState.ConfigDirectory), $"{HostState.ConfigDirectory} exists before the test; it would not be ours to remove.");
        var userConfig = "/etc/ftpmount/mounts.d/kept-by-uninstall.conf";
        try
        {
            (await HostCommand.RunAsync("bash", [Script("install.sh"), "--binary", build.BinaryPath], Deadline, Ct)).Succeeded();
            var manifest = (await File.ReadAllLinesAsync(HostState.ScriptManifest, Ct)).Order().ToArray();
            Assert.Equal(ExpectedManifest, manifest);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
                File.GetUnixFileMode("/etc/ftpmount/credentials"));
            Assert.True(File.GetUnixFileMode(HostState.InstalledBinary).HasFlag(UnixFileMode.OtherExecute));

            var version = (await HostCommand.RunAsync(HostState.InstalledBinary, ["--version"], Deadline, Ct)).Succeeded();
            Assert.StartsWith($"ftpmount {build.Version}", version.Output, StringComparison.Ordinal);
            var verify = await HostCommand.RunAsync("systemd-analyze", ["verify", "/lib/systemd/system/ftpmount@example.service"], Deadline, Ct);
            Assert.True(verify.ExitCode == 0 && (verify.Output + verify.Error).Trim().Length == 0, verify.Describe());
            var verifyUser = await HostState.VerifyUserUnitAsync("example", Ct);
            Assert.True(verifyUser.ExitCode == 0 && (verifyUser.Output + verifyUser.Error).Trim().Length == 0, verifyUser.Describe());
            await AssertManPageAsync();

            // Installed once more over itself: same manifest, nothing recorded twice.
            (await HostCommand.RunAsync("bash", [Script("install.sh"), "--binary", build.BinaryPath], Deadline, Ct)).Succeeded();
            Assert.Equal(ExpectedManifest, (await File.ReadAllLinesAsync(HostState.ScriptManifest, Ct)).Order());

            // Without files of the administrator's, uninstall leaves nothing at all.
            (await HostCommand.RunAsync("bash", [Script("uninstall.sh")], Deadline, Ct)).Succeeded();
            foreach (var entry in ExpectedManifest.Select(line => line[2..]))
            {
                Assert.False(File.Exists(entry) || Directory.Exists(entry), $"{entry} is still there after uninstall.sh.");
            }

            // A config of the administrator's survives, and so do the directories holding it; all else goes.
            (await HostCommand.RunAsync("bash", [Script("install.sh"), "--binary", build.BinaryPath], Deadline, Ct)).Succeeded();
            await File.WriteAllTextAsync(userConfig, "url = ftp://h/\nmountpoint = /mnt/h\n", Ct);
            var uninstall = (await HostCommand.RunAsync("bash", [Script("uninstall.sh")], Deadline, Ct)).Succeeded();
            Assert.Contains("kept /etc/ftpmount/mounts.d/", uninstall.Error, StringComparison.Ordinal);
            Assert.True(File.Exists(userConfig));
            foreach (var entry in ExpectedManifest.Select(line => line[2..]).Where(path => !userConfig.StartsWith(path + "/", StringComparison.Ordinal)))
            {
                Assert.False(File.Exists(entry) || Directory.Exists(entry), $"{entry} is still there after uninstall.sh.\n{uninstall.Describe()}");
            }
        }
        finally
        {
            await HostState.RemoveLeftoversAsync(build.RepositoryRoot, CancellationToken.None);
            // It did not exist before the test (asserted above), so whatever is left of it is the test's.
            if (Directory.Exists(HostState.ConfigDirectory))
            {
                Directory.Delete(HostState.ConfigDirectory, recursive: true);
            }
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Install_script_refuses_to_overwrite_the_debian_package()
    {
        try
        {
            (await HostState.DpkgAsync(Ct, "-i", build.DebPath)).Succeeded();
            var install = await HostCommand.RunAsync("bash", [Script("install.sh"), "--binary", build.BinaryPath], Deadline, Ct);
            Assert.Equal(1, install.ExitCode);
            Assert.Contains("installed as a Debian package", install.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(HostState.ScriptManifest));
        }
        finally
        {
            await HostState.RemoveLeftoversAsync(build.RepositoryRoot, CancellationToken.None);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Uninstall_without_an_install_says_so()
    {
        var uninstall = await HostCommand.RunAsync("bash", [Script("uninstall.sh")], Deadline, Ct);
        Assert.Equal(1, uninstall.ExitCode);
        Assert.Contains("ftpmount was not installed by install.sh", uninstall.Error, StringComparison.Ordinal);
    }

    /// <summary>The installed man page renders without groff warnings and has the sections a user looks for.</summary>
    private static async Task AssertManPageAsync()
    {
        var page = "/usr/share/man/man1/ftpmount.1.gz";
        var lint = await HostCommand.RunAsync("bash", ["-c", $"zcat {page} | groff -man -ww -z -Tutf8"], Deadline, Ct);
        Assert.True(lint.ExitCode == 0 && lint.Error.Trim().Length == 0, lint.Describe());
        var text = (await HostCommand.RunAsync("bash", ["-c", $"zcat {page} | groff -man -Tutf8 -P-c -P-b -P-u"], Deadline, Ct)).Succeeded().Output;
        foreach (var heading in new[] { "SYNOPSIS", "OPTIONS", "CONFIGURATION FILES", "FSTAB", "SYSTEMD", "FILES", "EXIT STATUS", "EXAMPLES" })
        {
            Assert.Contains("\n" + heading + "\n", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("@VERSION@", text, StringComparison.Ordinal);
    }
}
