namespace FtpMount.Cli.Tests.Installer;

/// <summary>
/// Builds the .deb once for all installer tests, with the real <c>installer/linux/build-deb.sh</c> (Native AOT
/// publish, about a minute), and unpacks its binary for <c>install.sh --binary</c>. Removes leftovers of an earlier,
/// killed run first, and again at the end.
/// </summary>
public sealed class InstallerBuild : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ftpmount-installer-build-").FullName;

    public string RepositoryRoot { get; } = InstallerPaths.RepositoryRoot;

    public string LinuxInstallerDirectory => Path.Combine(RepositoryRoot, "installer", "linux");

    public string DebPath { get; private set; } = string.Empty;

    /// <summary>The ftpmount binary inside the .deb.</summary>
    public string BinaryPath { get; private set; } = string.Empty;

    /// <summary>Version from FtpMount.Cli.csproj.</summary>
    public string Version { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        FtpMount.Testing.TestTier.RequireIntegration("builds the .deb (a Native AOT publish)");
        var cancel = TestContext.Current.CancellationToken;
        await HostState.RemoveLeftoversAsync(RepositoryRoot, cancel);
        Assert.False(File.Exists(HostState.InstalledBinary),
            $"{HostState.InstalledBinary} exists although ftpmount is not installed; the installer tests would overwrite it.");

        var build = await HostCommand.RunAsync(
            "bash", [Path.Combine(LinuxInstallerDirectory, "build-deb.sh"), "--output", _directory], TimeSpan.FromMinutes(20), cancel);
        build.Succeeded();
        DebPath = build.Output.Trim();
        Assert.True(File.Exists(DebPath), $"build-deb.sh printed \"{DebPath}\", which is not a file.\n{build.Describe()}");

        var unpacked = Path.Combine(_directory, "unpacked");
        (await HostCommand.RunAsync("dpkg-deb", ["-x", DebPath, unpacked], TimeSpan.FromMinutes(1), cancel)).Succeeded();
        BinaryPath = Path.Combine(unpacked, "usr", "bin", "ftpmount");
        var csproj = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot, "src", "FtpMount.Cli", "FtpMount.Cli.csproj"), cancel);
        Version = System.Text.RegularExpressions.Regex.Match(csproj, "<Version>([^<]+)</Version>").Groups[1].Value;
    }

    public async ValueTask DisposeAsync()
    {
        await HostState.RemoveLeftoversAsync(RepositoryRoot, CancellationToken.None);
        Directory.Delete(_directory, recursive: true);
    }
}
