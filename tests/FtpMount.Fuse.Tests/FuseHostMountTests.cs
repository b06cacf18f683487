using FtpMount.Fuse.Tests.Mounting;
using FtpMount.Testing;
using FtpMount.Testing.Processes;

namespace FtpMount.Fuse.Tests;

/// <summary>Mounts an in-memory file system for real and drives it with ordinary programs.</summary>
[Trait("Category", "Integration")]
public sealed class FuseHostMountTests
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    [Fact(Timeout = 120_000)]
    public async Task Real_programs_list_read_copy_rename_append_and_remove_through_the_mount()
    {
        var fileSystem = new InMemoryFileSystem();
        fileSystem.AddFile("/hello.txt", "hello, fuse\n");
        fileSystem.AddDirectory("/docs");
        await using TestMount mount = await TestMount.StartAsync(fileSystem, TestContext.Current.CancellationToken);

        string listing = await ProcessRunner.RunCheckedAsync("ls", "-l", mount.MountPoint);
        Assert.Contains("hello.txt", listing, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^-rw-r--r-- +1 .* 12 .* hello\.txt$", listing);
        Assert.Matches(@"(?m)^drwxr-xr-x +2 .* docs$", listing);

        Assert.Equal("hello, fuse\n", await ProcessRunner.RunCheckedAsync("cat", mount.PathOf("hello.txt")));
        Assert.Equal("12\n", await ProcessRunner.RunCheckedAsync("stat", "-c", "%s", mount.PathOf("hello.txt")));

        string local = Path.Combine(Path.GetTempPath(), "ftpmount-fuse-source-" + Guid.NewGuid().ToString("N"));
        byte[] payload = new byte[300_000];
        new Random(7).NextBytes(payload);
        await File.WriteAllBytesAsync(local, payload, TestContext.Current.CancellationToken);
        try
        {
            await ProcessRunner.RunCheckedAsync("cp", local, mount.PathOf("docs/copied.bin"));
            Assert.Equal(payload, fileSystem.ReadBytes("/docs/copied.bin"));
            Assert.Equal("300000\n", await ProcessRunner.RunCheckedAsync("stat", "-c", "%s", mount.PathOf("docs/copied.bin")));
            await ProcessRunner.RunCheckedAsync("cmp", local, mount.PathOf("docs/copied.bin"));
        }
        finally
        {
            File.Delete(local);
        }

        await ProcessRunner.RunCheckedAsync("mkdir", mount.PathOf("new-dir"));
        Assert.True(fileSystem.Exists("/new-dir"));

        await ProcessRunner.RunCheckedAsync("mv", mount.PathOf("hello.txt"), mount.PathOf("new-dir/renamed.txt"));
        Assert.False(fileSystem.Exists("/hello.txt"));
        Assert.Equal("hello, fuse\n", fileSystem.ReadFile("/new-dir/renamed.txt"));

        await ProcessRunner.RunCheckedAsync("sh", "-c", "echo x >> \"$1\"", "sh", mount.PathOf("new-dir/renamed.txt"));
        Assert.Equal("hello, fuse\nx\n", fileSystem.ReadFile("/new-dir/renamed.txt"));
        Assert.Equal("hello, fuse\nx\n", await ProcessRunner.RunCheckedAsync("cat", mount.PathOf("new-dir/renamed.txt")));

        await ProcessRunner.RunCheckedAsync("rm", mount.PathOf("new-dir/renamed.txt"));
        Assert.False(fileSystem.Exists("/new-dir/renamed.txt"));
        ProcessResult missing = await ProcessRunner.RunAsync("cat", mount.PathOf("new-dir/renamed.txt"));
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("No such file or directory", missing.Error, StringComparison.Ordinal);

        await ProcessRunner.RunCheckedAsync("rmdir", mount.PathOf("new-dir"));
        Assert.False(fileSystem.Exists("/new-dir"));
    }

    [Fact(Timeout = 120_000)]
    public async Task Kernel_read_ahead_is_raised_for_root_and_left_at_the_default_otherwise()
    {
        var fileSystem = new InMemoryFileSystem();
        fileSystem.AddFile("/a.txt", "a");
        await using TestMount mount = await TestMount.StartAsync(fileSystem, TestContext.Current.CancellationToken);

        // The first open is what raises it.
        Assert.Equal("a", await ProcessRunner.RunCheckedAsync("cat", mount.PathOf("a.txt")));
        string device = FtpMount.Fuse.Kernel.MountDevice.Find(await File.ReadAllTextAsync("/proc/self/mountinfo", TestContext.Current.CancellationToken), mount.MountPoint)
            ?? throw new InvalidOperationException($"{mount.MountPoint} is not in mountinfo");
        string setting = Path.Combine("/sys/class/bdi", device, "read_ahead_kb");
        string expected = Environment.IsPrivilegedProcess ? mount.Host.Options.ReadAheadKib + "\n" : "128\n";

        Assert.Equal(expected, await File.ReadAllTextAsync(setting, TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = 120_000)]
    public async Task Touch_chmod_truncate_and_df_reach_utimens_chmod_truncate_and_statfs()
    {
        var fileSystem = new InMemoryFileSystem();
        fileSystem.AddFile("/a.txt", "0123456789");
        await using TestMount mount = await TestMount.StartAsync(fileSystem, TestContext.Current.CancellationToken);

        await ProcessRunner.RunCheckedAsync("touch", "-m", "-d", "@1000000000", mount.PathOf("a.txt"));
        Assert.Equal("1000000000\n", await ProcessRunner.RunCheckedAsync("stat", "-c", "%Y", mount.PathOf("a.txt")));

        await ProcessRunner.RunCheckedAsync("chmod", "600", mount.PathOf("a.txt"));
        Assert.Equal("600\n", await ProcessRunner.RunCheckedAsync("stat", "-c", "%a", mount.PathOf("a.txt")));

        await ProcessRunner.RunCheckedAsync("truncate", "-s", "4", mount.PathOf("a.txt"));
        Assert.Equal("0123", fileSystem.ReadFile("/a.txt"));

        await ProcessRunner.RunCheckedAsync("touch", mount.PathOf("empty"));
        Assert.Equal(string.Empty, fileSystem.ReadFile("/empty"));

        string df = await ProcessRunner.RunCheckedAsync("df", "-B4096", "--output=source,size", mount.MountPoint);
        Assert.Matches(@"inmemory +1048576", df);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_exception_in_the_file_system_becomes_EIO_and_the_mount_keeps_serving()
    {
        var fileSystem = new InMemoryFileSystem();
        fileSystem.AddFile("/ok.txt", "fine");
        await using TestMount mount = await TestMount.StartAsync(fileSystem, TestContext.Current.CancellationToken);

        ProcessResult failed = await ProcessRunner.RunAsync("stat", mount.PathOf(InMemoryFileSystem.ExplodingPath));
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("Input/output error", failed.Error, StringComparison.Ordinal);
        Assert.Equal("fine", await ProcessRunner.RunCheckedAsync("cat", mount.PathOf("ok.txt")));
    }

    [Fact(Timeout = 120_000)]
    public async Task Concurrent_readers_each_get_their_whole_file()
    {
        var fileSystem = new InMemoryFileSystem();
        for (int i = 0; i < 16; i++)
        {
            fileSystem.AddFile($"/f{i}", new string((char)('a' + i), 100_000));
        }

        await using TestMount mount = await TestMount.StartAsync(fileSystem, TestContext.Current.CancellationToken);

        string output = await ProcessRunner.RunCheckedAsync(
            "sh", "-c", "cd \"$1\" && for f in f*; do wc -c < \"$f\" & done; wait", "sh", mount.MountPoint);

        Assert.Equal(Enumerable.Repeat("100000", 16), output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact(Timeout = 120_000)]
    public async Task Unmount_ends_RunAsync_and_calls_destroy()
    {
        var fileSystem = new InMemoryFileSystem();
        await using TestMount mount = await TestMount.StartAsync(fileSystem, TestContext.Current.CancellationToken);
        await ProcessRunner.RunCheckedAsync("ls", mount.MountPoint);
        Assert.Equal(1, fileSystem.InitCalls);

        mount.Host.Unmount();
        await mount.Run.WaitAsync(StopTimeout, TestContext.Current.CancellationToken);

        Assert.False(FuseEnvironment.IsMounted(mount.MountPoint));
        Assert.Equal(1, fileSystem.DestroyCalls);
    }

    [Fact(Timeout = 120_000)]
    public async Task Fusermount_from_outside_ends_RunAsync()
    {
        var fileSystem = new InMemoryFileSystem();
        await using TestMount mount = await TestMount.StartAsync(fileSystem, TestContext.Current.CancellationToken);
        await ProcessRunner.RunCheckedAsync("ls", mount.MountPoint);

        await ProcessRunner.RunCheckedAsync("fusermount3", "-u", mount.MountPoint);
        await mount.Run.WaitAsync(StopTimeout, TestContext.Current.CancellationToken);

        Assert.False(FuseEnvironment.IsMounted(mount.MountPoint));
        Assert.Equal(1, fileSystem.DestroyCalls);
    }

    [Fact(Timeout = 120_000)]
    public async Task Cancelling_the_token_unmounts()
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        await using TestMount mount = await TestMount.StartAsync(new InMemoryFileSystem(), cancellation.Token);
        await ProcessRunner.RunCheckedAsync("ls", mount.MountPoint);

        await cancellation.CancelAsync();
        await mount.Run.WaitAsync(StopTimeout, TestContext.Current.CancellationToken);

        Assert.False(FuseEnvironment.IsMounted(mount.MountPoint));
    }

    [Fact(Timeout = 120_000)]
    public async Task Unmount_ends_RunAsync_even_while_another_process_holds_a_file_open()
    {
        // libfuse before 3.18 never wakes its loop on fuse_session_exit, and a lazy unmount does not abort a
        // connection pinned by an open file: this is the case that hangs naive hosts.
        var fileSystem = new InMemoryFileSystem();
        fileSystem.AddFile("/held.txt", "held");
        await using TestMount mount = await TestMount.StartAsync(fileSystem, TestContext.Current.CancellationToken);
        var holder = System.Diagnostics.Process.Start("sh", ["-c", "exec 3<\"$1\"; echo opened; exec sleep 60", "sh", mount.PathOf("held.txt")]);
        try
        {
            await Poll.UntilOrFailAsync(() => fileSystem.OpenHandles > 0, StopTimeout, "the holder never opened the file");

            mount.Host.Unmount();
            await mount.Run.WaitAsync(StopTimeout, TestContext.Current.CancellationToken);

            Assert.False(FuseEnvironment.IsMounted(mount.MountPoint));
        }
        finally
        {
            holder.Kill();
            holder.Dispose();
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_mount_option_libfuse_rejects_faults_RunAsync_and_mounts_nothing()
    {
        FuseEnvironment.Require();
        string mountPoint = Directory.CreateTempSubdirectory("ftpmount-fuse-bad-").FullName;
        try
        {
            var host = new FuseHost(new InMemoryFileSystem(), new FuseMountOptions { MountPoint = mountPoint, ExtraOptions = ["no_such_option"] });
            Task run = host.RunAsync(TestContext.Current.CancellationToken);

            await Assert.ThrowsAsync<FuseException>(() => run.WaitAsync(StopTimeout, TestContext.Current.CancellationToken));
            Assert.False(FuseEnvironment.IsMounted(mountPoint));
            await host.DisposeAsync();
        }
        finally
        {
            Directory.Delete(mountPoint);
        }
    }
}
