namespace FtpMount.Cli.Tests.UserMount;

/// <summary>The tests that change /dev/fuse's mode run one after the other (never two saving and restoring it at once).</summary>
[CollectionDefinition(Name)]
public sealed class UserMountGroup
{
    public const string Name = "UserMount";
}
