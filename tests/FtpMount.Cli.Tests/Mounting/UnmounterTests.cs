using FtpMount.Cli.Mounting;

namespace FtpMount.Cli.Tests.Mounting;

public class UnmounterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public async Task Directory_that_is_not_mounted_is_a_clear_error()
    {
        using var temp = new TempDirectory();
        var error = await Assert.ThrowsAsync<MountpointException>(() => new Unmounter().UnmountAsync(temp.Path, Ct));
        Assert.Equal($"{temp.Path} is not mounted.", error.Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task Non_fuse_mount_is_left_alone()
    {
        var error = await Assert.ThrowsAsync<MountpointException>(() => new Unmounter().UnmountAsync("/proc", Ct));
        Assert.Contains("proc mount, not an ftpmount", error.Message, StringComparison.Ordinal);
    }
}
