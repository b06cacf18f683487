using System.Diagnostics;
using FtpMount.Cli.Tests.Hosting;
using FtpMount.Cli.Tests.Mount;
using FtpMount.FtpProxy;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Reliability;

/// <summary>
/// Pending uploads and the spool, proven with the real binary by killing servers and mounts and filling the spool's
/// disk (issue 11, points 5, 7 and 8).
/// </summary>
[Trait("Category", "Integration")]
public class SpoolReliabilityTests
{
    private const string Temporaries = ".ftpmount-*.part";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 180_000)]
    public async Task Save_refused_while_the_server_was_down_is_retried_in_the_background_and_status_shows_0_pending()
    {
        await using var mount = await FaultyMount.StartAsync(FtpServerKind.Pyftpdlib);
        var flags = Directory.CreateTempSubdirectory("ftpmount-flags-").FullName;
        try
        {
            // The program writes while the server is up and closes after it died: close() reports the failure.
            var program = $"import os, time\nf = open('saved.txt', 'w')\nf.write('precious')\nopen('{flags}/written', 'w').close()\n"
                          + $"while not os.path.exists('{flags}/go'): time.sleep(0.05)\nf.close()\n";
            await File.WriteAllTextAsync(Path.Combine(flags, "save.py"), program, Ct);
            var saving = mount.InMountAsync($"python3 '{flags}/save.py'");
            Assert.True(await Poll.UntilAsync(() => File.Exists(Path.Combine(flags, "written")), TimeSpan.FromSeconds(60)));
            await mount.Server.KillAsync(Ct);
            await File.WriteAllTextAsync(Path.Combine(flags, "go"), string.Empty, Ct);
            var save = await saving;
            Assert.NotEqual(0, save.ExitCode);
        }
        finally
        {
            Directory.Delete(flags, recursive: true);
        }

        // close() returned after flush failed; the kernel sends release (which queues the retry) after that, on its own.
        var waiting = string.Empty;
        Assert.True(
            await Poll.UntilAsync(async () => (waiting = await StatusAsync(mount)).Contains("uploads      1 pending", StringComparison.Ordinal), TimeSpan.FromSeconds(30)),
            waiting);

        // No remount: the mount itself sends the file once the server is back.
        await mount.Server.RestartAsync(Ct);
        Assert.True(
            await Poll.UntilAsync(() => File.Exists(mount.ServerPathOf("saved.txt")), TimeSpan.FromSeconds(90)),
            "the refused save was not retried while the mount ran");
        Assert.Equal("precious", await File.ReadAllTextAsync(mount.ServerPathOf("saved.txt"), Ct));
        string status = string.Empty;
        Assert.True(
            await Poll.UntilAsync(async () => (status = await StatusAsync(mount)).Contains("uploads      0 pending", StringComparison.Ordinal), TimeSpan.FromSeconds(30)),
            status);
    }

    [Theory(Timeout = 180_000)]
    [InlineData(FtpServerKind.Vsftpd)]
    [InlineData(FtpServerKind.Pyftpdlib)]
    public async Task Temporary_files_of_a_mount_killed_mid_upload_are_removed_by_the_next_mount(FtpServerKind kind)
    {
        await using var mount = await FaultyMount.StartAsync(kind, throughProxy: true);
        using var local = new TempDirectory();
        var source = Path.Combine(local.Path, "big.bin");
        await File.WriteAllBytesAsync(source, TestData.Bytes(8 * 1024 * 1024, 8), Ct);
        mount.Proxy!.Options = FtpProxyOptions.Default with { BandwidthBytesPerSecond = 256 * 1024 };

        var copying = mount.InMountAsync($"cp '{source}' big.bin", 120);
        Assert.True(
            await Poll.UntilAsync(() => Directory.GetFiles(mount.Server.RootDirectory, Temporaries).Length > 0, TimeSpan.FromSeconds(60)),
            "no temporary upload file appeared on the server");
        Process.GetProcessById(MountProcess.FindServing(mount.MountPoint)).Kill();
        await FaultyMount.ShellAsync($"fusermount3 -u -z '{mount.MountPoint}'", 30);
        await copying;
        mount.Proxy.Options = FtpProxyOptions.Default;
        // The server may take a moment to notice the dead data connection and close the file.
        Assert.True(
            await Poll.UntilAsync(() => Directory.GetFiles(mount.Server.RootDirectory, Temporaries).Length > 0, TimeSpan.FromSeconds(10)),
            "the killed upload left nothing to clean up; the test proves nothing");

        await mount.MountAsync();
        Assert.Empty(Directory.GetFiles(mount.Server.RootDirectory, Temporaries, SearchOption.AllDirectories));
    }

    [Fact(Timeout = 180_000)]
    public async Task With_writeback_a_closed_files_streaming_upload_ends_at_close_instead_of_after_the_delay()
    {
        await using var mount = await FaultyMount.StartAsync(
            FtpServerKind.Vsftpd, options: FaultyMount.DefaultOptions + ",writeback,writeback_delay=600");
        using var local = new TempDirectory();
        var source = Path.Combine(local.Path, "streamed.bin");
        var content = TestData.Bytes(2 * 1024 * 1024, 9);
        await File.WriteAllBytesAsync(source, content, Ct);

        // Written in order from offset 0 in large writes: the upload streams while dd writes.
        var copy = await mount.InMountAsync($"dd if='{source}' of=streamed.bin bs=1M status=none");
        Assert.True(copy.ExitCode == 0, copy.Error);

        // Well before writeback_delay: the STOR that already holds a connection and a temporary file is finished.
        Assert.True(
            await Poll.UntilAsync(
                () => File.Exists(mount.ServerPathOf("streamed.bin")) && Directory.GetFiles(mount.Server.RootDirectory, Temporaries).Length == 0,
                TimeSpan.FromSeconds(60)),
            "the streaming upload stayed open after close");
        Assert.Equal(content, await File.ReadAllBytesAsync(mount.ServerPathOf("streamed.bin"), Ct));
    }

    [Fact(Timeout = 240_000)]
    public async Task A_full_spool_disk_is_ENOSPC_and_the_server_gets_exactly_the_accepted_bytes_then_the_whole_copy()
    {
        using var spool = await SmallTmpfs.MountAsync(20);
        await using var mount = await FaultyMount.StartAsync(FtpServerKind.Pyftpdlib, options: $"{FaultyMount.DefaultOptions},spool_dir={spool.Path}");
        using var local = new TempDirectory();
        var tooBig = Path.Combine(local.Path, "too-big.bin");
        var fits = Path.Combine(local.Path, "fits.bin");
        await File.WriteAllBytesAsync(tooBig, TestData.Bytes(30 * 1024 * 1024, 30), Ct);
        await File.WriteAllBytesAsync(fits, TestData.Bytes(12 * 1024 * 1024, 12), Ct);

        var refused = await mount.InMountAsync($"cp '{tooBig}' copy.bin", 120);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("No space left on device", refused.Error, StringComparison.Ordinal);

        // What the server has under the name is exactly the bytes the mount accepted, a prefix of the source.
        if (File.Exists(mount.ServerPathOf("copy.bin")))
        {
            var kept = await File.ReadAllBytesAsync(mount.ServerPathOf("copy.bin"), Ct);
            Assert.True(kept.AsSpan().SequenceEqual(File.ReadAllBytes(tooBig).AsSpan(0, kept.Length)), "the server has bytes nobody wrote");
        }

        // The refused file's spool is gone with it: copying a file that fits works and is exact.
        var again = await mount.InMountAsync($"cp '{fits}' copy.bin", 120);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Equal(await File.ReadAllBytesAsync(fits, Ct), await File.ReadAllBytesAsync(mount.ServerPathOf("copy.bin"), Ct));

        // Nothing stale is replayed by the next mount.
        await mount.UnmountAsync();
        await mount.MountAsync();
        Assert.Equal(await File.ReadAllBytesAsync(fits, Ct), await File.ReadAllBytesAsync(mount.ServerPathOf("copy.bin"), Ct));
    }

    [Fact(Timeout = 240_000)]
    public async Task With_writeback_a_file_copied_again_after_a_full_spool_disk_reaches_the_server()
    {
        using var spool = await SmallTmpfs.MountAsync(20);
        await using var mount = await FaultyMount.StartAsync(
            FtpServerKind.Pyftpdlib, options: $"{FaultyMount.DefaultOptions},writeback,writeback_delay=1,spool_dir={spool.Path}");
        using var local = new TempDirectory();
        var tooBig = Path.Combine(local.Path, "too-big.bin");
        var fits = Path.Combine(local.Path, "fits.bin");
        await File.WriteAllBytesAsync(tooBig, TestData.Bytes(30 * 1024 * 1024, 31), Ct);
        await File.WriteAllBytesAsync(fits, TestData.Bytes(10 * 1024 * 1024, 10), Ct);

        var refused = await mount.InMountAsync($"cp '{tooBig}' copy.bin", 120);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("No space left on device", refused.Error, StringComparison.Ordinal);

        var expected = await File.ReadAllBytesAsync(fits, Ct);
        string status = string.Empty;
        Assert.True(
            await Poll.UntilAsync(async () => (status = await StatusAsync(mount)).Contains("uploads      0 pending", StringComparison.Ordinal), TimeSpan.FromSeconds(90)),
            "the refused file's upload never ended: " + status);
        var again = await mount.InMountAsync($"cp '{fits}' copy.bin", 120);
        Assert.True(again.ExitCode == 0, again.Error);

        // Shown by the mount and sent to the server, without an unmount.
        Assert.True(
            await Poll.UntilAsync(
                () => File.Exists(mount.ServerPathOf("copy.bin")) && File.ReadAllBytes(mount.ServerPathOf("copy.bin")).AsSpan().SequenceEqual(expected),
                TimeSpan.FromSeconds(90)),
            "the file copied again was never uploaded");
        await mount.UnmountAsync();
        await mount.MountAsync();
        Assert.Equal(expected, await File.ReadAllBytesAsync(mount.ServerPathOf("copy.bin"), Ct));
    }

    private static async Task<string> StatusAsync(FaultyMount mount)
    {
        var status = await FtpmountBinary.RunAsync(["status", mount.MountPoint], new Dictionary<string, string>(), TimeSpan.FromSeconds(30), Ct);
        return status.Output + status.Error;
    }

    /// <summary>A tmpfs of a few MiB as the spool's disk, so it fills; unmounted and removed at the end.</summary>
    private sealed class SmallTmpfs : IDisposable
    {
        private SmallTmpfs(string path) => Path = path;

        public string Path { get; }

        public static async Task<SmallTmpfs> MountAsync(int megabytes)
        {
            Assert.True(Environment.UserName == "root", "mounting a small tmpfs as the spool's disk needs root (tests run as root in CI)");
            var path = Directory.CreateTempSubdirectory("ftpmount-small-spool-").FullName;
            var mounted = await FaultyMount.ShellAsync($"mount -t tmpfs -o size={megabytes}m,mode=0700 tmpfs '{path}'", 30);
            if (mounted.ExitCode != 0)
            {
                Directory.Delete(path);
                Assert.Fail($"mount -t tmpfs failed: {mounted.Error}");
            }

            return new SmallTmpfs(path);
        }

        public void Dispose()
        {
            using var umount = Process.Start("umount", ["-l", Path]);
            umount.WaitForExit(30_000);
            Directory.Delete(Path, recursive: true);
        }
    }
}
