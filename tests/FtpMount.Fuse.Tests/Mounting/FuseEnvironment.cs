namespace FtpMount.Fuse.Tests.Mounting;

/// <summary>Fails (never skips) a mount test with the name of whatever the machine lacks.</summary>
internal static class FuseEnvironment
{
    public static void Require()
    {
        Testing.TestTier.RequireIntegration("mounts a FUSE filesystem");
        Assert.True(File.Exists("/dev/fuse"), "/dev/fuse is missing: the kernel needs the fuse module (modprobe fuse), and a container needs --device /dev/fuse.");
        Assert.True(FindOnPath("fusermount3") is not null, "fusermount3 is missing: install the Debian package fuse3 (apt-get install -y fuse3).");
        try
        {
            FuseHost.LoadLibrary();
        }
        catch (FuseLibraryException e)
        {
            Assert.Fail(e.Message);
        }
    }

    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    /// <summary>True when /proc/mounts lists <paramref name="mountPoint"/> (read without touching the mount itself).</summary>
    public static bool IsMounted(string mountPoint) =>
        File.ReadAllLines("/proc/mounts").Any(line => line.Split(' ') is [_, var target, ..] && target == mountPoint);
}
