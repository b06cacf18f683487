using System.Globalization;
using FtpMount.Cli.Tests.Mount;

namespace FtpMount.Cli.Tests.Libfuse;

/// <summary>
/// Who runs ftpmount and the programs that use the mount: root (libfuse mounts with mount(2) itself) or the
/// unprivileged test user, for whom libfuse runs the setuid fusermount3, as for everyone who is not root.
/// </summary>
internal sealed record MountUser(string Name, uint UserId, uint GroupId)
{
    public static readonly MountUser Root = new("root", 0, 0);

    public bool IsRoot => UserId == 0;

    /// <summary>The account scripts/install-test-servers.sh creates for the FTP servers.</summary>
    public static async Task<MountUser> TestUserAsync()
    {
        const string Name = "ftpmounttest";
        var uid = await ExternalProgram.RunAsync("id", ["-u", Name], cancel: CancellationToken.None);
        var gid = await ExternalProgram.RunAsync("id", ["-g", Name], cancel: CancellationToken.None);
        Assert.True(uid.ExitCode == 0 && gid.ExitCode == 0, $"The user {Name} is missing: run scripts/install-test-servers.sh. {uid}");
        return new MountUser(Name, uint.Parse(uid.Output.Trim(), CultureInfo.InvariantCulture), uint.Parse(gid.Output.Trim(), CultureInfo.InvariantCulture));
    }

    /// <summary>The command line prefix that runs a program as this user (nothing for root).</summary>
    public IReadOnlyList<string> Prefix => IsRoot
        ? []
        : ["setpriv", $"--reuid={UserId}", $"--regid={GroupId}", "--clear-groups", "--"];

    public Task GiveAsync(string path) => IsRoot
        ? Task.CompletedTask
        : ExternalProgram.RunCheckedAsync("chown", ["-R", $"{UserId}:{GroupId}", path]);

    public override string ToString() => Name;
}
