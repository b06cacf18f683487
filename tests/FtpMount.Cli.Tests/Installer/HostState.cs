using System.Diagnostics;
using System.Globalization;
using FtpMount.Cli.Mounting;
using FtpMount.Cli.Tests.Hosting;

namespace FtpMount.Cli.Tests.Installer;

/// <summary>
/// The machine-wide state the installer tests change (the ftpmount package, files under /usr and /etc, /etc/fstab,
/// mounts) and how to put it back. Every mount point these tests create starts with <see cref="MountPointPrefix"/>,
/// so leftovers of a killed run are recognised and removed before the next one.
/// </summary>
internal static class HostState
{
    public const string FstabMarker = "# ftpmount-installer-test: added by tests/FtpMount.Cli.Tests/Installer, remove if left behind";

    public const string InstalledBinary = "/usr/bin/ftpmount";
    public const string UnitTemplate = "/lib/systemd/system/ftpmount@.service";
    public const string UserUnitTemplate = "/usr/lib/systemd/user/ftpmount@.service";
    public const string ConfigDirectory = "/etc/ftpmount";
    public const string ScriptManifest = "/var/lib/ftpmount/install-manifest";

    public static readonly string MountPointPrefix = Path.Combine(Path.GetTempPath(), "ftpmount-installer-");

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    public static string NewMountPoint() => Directory.CreateTempSubdirectory("ftpmount-installer-").FullName;

    public static async Task<bool> IsPackageInstalledAsync(CancellationToken cancel)
    {
        var query = await HostCommand.RunAsync("dpkg-query", ["-W", "-f=${Status}", "ftpmount"], CommandTimeout, cancel);
        return query.ExitCode == 0 && query.Output.Contains("install ok installed", StringComparison.Ordinal);
    }

    /// <summary>dpkg, waiting for its lock when another dpkg or apt-get holds it.</summary>
    public static async Task<CommandResult> DpkgAsync(CancellationToken cancel, params string[] args)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var result = await HostCommand.RunAsync("dpkg", args, CommandTimeout, cancel);
            if (result.ExitCode == 0 || !result.Error.Contains("lock", StringComparison.OrdinalIgnoreCase) || deadline.Elapsed > CommandTimeout)
            {
                return result;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancel);
        }
    }

    /// <summary>Purges the package, runs uninstall.sh, drops our fstab lines and detaches our mounts, whatever is left.</summary>
    public static async Task RemoveLeftoversAsync(string repositoryRoot, CancellationToken cancel)
    {
        foreach (var mountPoint in OurMountPoints())
        {
            await HostCommand.RunAsync("umount", ["-l", mountPoint], CommandTimeout, cancel);
        }

        if (await IsPackageInstalledAsync(cancel))
        {
            (await DpkgAsync(cancel, "--purge", "ftpmount")).Succeeded();
        }

        if (File.Exists(ScriptManifest))
        {
            (await HostCommand.RunAsync("bash", [Path.Combine(repositoryRoot, "installer", "linux", "uninstall.sh")], CommandTimeout, cancel))
                .Succeeded();
        }

        var fstab = await File.ReadAllLinesAsync(FstabEntry.FstabPath, cancel);
        var kept = fstab.Where(line => line != FstabMarker && !line.Contains(MountPointPrefix, StringComparison.Ordinal)).ToArray();
        if (kept.Length != fstab.Length)
        {
            await File.WriteAllLinesAsync(FstabEntry.FstabPath, kept, cancel);
        }
    }

    public static IEnumerable<string> OurMountPoints() =>
        MountTable.Read().Select(e => e.MountPoint).Where(p => p.StartsWith(MountPointPrefix, StringComparison.Ordinal)).ToList();

    public static bool IsMounted(string mountPoint) => MountTable.Find(MountTable.Read(), mountPoint) is not null;

    /// <summary>Processes whose command line names <paramref name="mountPoint"/> (the ftpmount serving it).</summary>
    public static IReadOnlyList<int> ProcessesFor(string mountPoint)
    {
        var pids = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && pid != Environment.ProcessId
                && FtpmountBinary.ProcStrings(pid, "cmdline") is { } argv
                && argv.Contains(mountPoint))
            {
                pids.Add(pid);
            }
        }

        return pids;
    }

    /// <summary>
    /// <c>systemd-analyze --user verify</c> of an instance of the installed user unit. Outside a session the user
    /// manager's runtime folder is missing, so one is made for the check (as pam_systemd would: 0700).
    /// </summary>
    public static async Task<CommandResult> VerifyUserUnitAsync(string instance, CancellationToken cancel)
    {
        var runtime = Directory.CreateTempSubdirectory("ftpmount-verify-runtime-").FullName;
        try
        {
            File.SetUnixFileMode(runtime, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return await HostCommand.RunAsync(
                "systemd-analyze",
                ["--user", "verify", UserUnitTemplate.Replace("@.service", $"@{instance}.service", StringComparison.Ordinal)],
                CommandTimeout,
                cancel,
                new Dictionary<string, string?> { ["XDG_RUNTIME_DIR"] = runtime });
        }
        finally
        {
            Directory.Delete(runtime, recursive: true);
        }
    }

    /// <summary>Unmounts if still mounted and kills whatever still serves the mount point; for finally blocks.</summary>
    public static async Task DetachAsync(string mountPoint)
    {
        if (IsMounted(mountPoint))
        {
            await HostCommand.RunAsync("umount", ["-l", mountPoint], CommandTimeout, CancellationToken.None);
        }

        foreach (var pid in ProcessesFor(mountPoint))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Gone already.
            }
        }

        try
        {
            Directory.Delete(mountPoint, recursive: false);
        }
        catch (IOException)
        {
            // Still busy or not empty: RemoveLeftoversAsync of the next run takes care of it.
        }
    }
}
