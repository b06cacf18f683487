using FtpMount.Core.Paths;
using FtpMount.Testing.InMemory;
using static FtpMount.Testing.InMemory.CoreOverStore;

namespace FtpMount.Core.Tests.Entries;

/// <summary>
/// The mounted root has no listing entry of its own, so its time is ours to give. It must hold still while nothing in
/// it changes: the kernel compares a folder's mtime before listing it from its copy, and a time that moved with every
/// stat made it drop its copy of the root each time.
/// </summary>
public sealed class RootTimeTests
{
    [Fact(Timeout = 30_000)]
    public async Task The_root_keeps_one_time_until_a_name_in_it_changes_through_the_mount()
    {
        await using var setup = new CoreOverStore();
        setup.Store.AddFile("/a.txt", "a"u8.ToArray());
        var core = await setup.OpenAsync(new RemoteFileSystemOptions { PollInterval = TimeSpan.Zero });

        var first = (await core.GetEntryAsync(RemotePath.Root, Ct)).Modified;
        await Task.Delay(50, Ct);
        var again = (await core.GetEntryAsync(RemotePath.Root, Ct)).Modified;
        Assert.Equal(first, again);
        Assert.True(first <= DateTimeOffset.UtcNow && first > DateTimeOffset.UtcNow.AddMinutes(-5), $"root time {first:O}");

        await Task.Delay(1100, Ct);
        await core.CreateDirectoryAsync(P("/sub"), mode: null, Ct);
        var changed = (await core.GetEntryAsync(RemotePath.Root, Ct)).Modified;
        Assert.True(changed > first, $"the root still shows {first:O} after a folder was made in it ({changed:O})");
    }
}
