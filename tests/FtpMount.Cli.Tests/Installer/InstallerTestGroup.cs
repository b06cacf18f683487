namespace FtpMount.Cli.Tests.Installer;

/// <summary>
/// The installer tests install into /usr/bin, /etc and /lib/systemd and edit /etc/fstab: they run one at a time,
/// after the parallel tests (also away from NativeAotTests, which publishes the same project), sharing one build.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InstallerTestGroup : ICollectionFixture<InstallerBuild>
{
    public const string Name = "Installer";
}
