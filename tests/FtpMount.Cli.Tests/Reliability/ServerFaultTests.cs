using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Reliability;

/// <summary>
/// The server dies, resets or goes silent while programs use the mount: each operation completes after a reconnect
/// or fails with EIO within a bounded time, no request hangs, and the mount works again afterwards.
/// </summary>
[Trait("Category", "Integration")]
public class ServerFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<FtpServerKind> PlainServers => FtpServerKinds.Plain;

    /// <summary>Where a fault is placed "mid-transfer": after this many bytes on one data connection.</summary>
    private const long MidTransferBytes = 4 * 1024 * 1024;

    /// <summary>Only stops a hang when the transfer never starts; the bytes, not this, place the fault.</summary>
    private static readonly TimeSpan MidTransferDeadline = TimeSpan.FromSeconds(60);

    private static void SeedBigFile(FtpTestServer server) => server.CreateFile("big.bin", TestData.Bytes(40 * 1024 * 1024, 7));

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Server_killed_during_a_read_fails_the_read_in_bounded_time_and_the_mount_recovers(FtpServerKind kind)
    {
        await using var mount = await FaultyMount.StartAsync(kind, throughProxy: true, seed: SeedBigFile);
        mount.Proxy!.BandwidthBytesPerSecond = 4 * 1024 * 1024;
        // The kill lands mid-transfer by bytes, not by time: 4 MiB of 40 are through, the rest takes seconds more.
        var midway = mount.Proxy.AfterDataBytes(MidTransferBytes);
        var reading = mount.InMountAsync("sha256sum big.bin", 90);
        await midway.WaitAsync(MidTransferDeadline, Ct);
        await mount.Server.KillAsync(Ct);
        var result = await reading;
        Assert.True(result.Took < TimeSpan.FromSeconds(60), $"the read took {result.Took}");
        if (result.ExitCode != 0)
        {
            Assert.Contains("Input/output error", result.Error, StringComparison.Ordinal);
        }
        else
        {
            Assert.StartsWith(TestData.Sha256(TestData.Bytes(40 * 1024 * 1024, 7)), result.Output, StringComparison.Ordinal);
        }

        await mount.Server.RestartAsync(Ct);
        mount.Proxy.BandwidthBytesPerSecond = null;
        var again = await mount.InMountAsync("sha256sum big.bin");
        Assert.Equal(0, again.ExitCode);
        Assert.StartsWith(TestData.Sha256(TestData.Bytes(40 * 1024 * 1024, 7)), again.Output, StringComparison.Ordinal);
    }

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Server_killed_during_a_write_never_leaves_a_partial_file_under_the_final_name(FtpServerKind kind)
    {
        await using var mount = await FaultyMount.StartAsync(kind, throughProxy: true);
        var local = Path.Combine(Path.GetTempPath(), $"ftpmount-write-{Guid.NewGuid():N}.bin");
        await File.WriteAllBytesAsync(local, TestData.Bytes(30 * 1024 * 1024, 8), Ct);
        try
        {
            mount.Proxy!.BandwidthBytesPerSecond = 4 * 1024 * 1024;
            var midway = mount.Proxy.AfterDataBytes(MidTransferBytes);
            var copying = mount.InMountAsync($"cp '{local}' copy.bin", 90);
            await midway.WaitAsync(MidTransferDeadline, Ct);
            await mount.Server.KillAsync(Ct);
            var result = await copying;
            Assert.True(result.Took < TimeSpan.FromSeconds(60), $"the copy took {result.Took}");
            Assert.NotEqual(0, result.ExitCode);
            Assert.False(File.Exists(mount.ServerPathOf("copy.bin")), "a partial upload appeared under the final name");

            await mount.Server.RestartAsync(Ct);
            mount.Proxy.BandwidthBytesPerSecond = null;
            var retry = await mount.InMountAsync($"cp '{local}' copy.bin && cmp '{local}' copy.bin");
            Assert.True(retry.ExitCode == 0, retry.Error);
            Assert.Equal(TestData.Sha256(await File.ReadAllBytesAsync(local, Ct)), TestData.Sha256(await File.ReadAllBytesAsync(mount.ServerPathOf("copy.bin"), Ct)));
        }
        finally
        {
            File.Delete(local);
        }
    }

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Listing_while_the_server_is_down_fails_with_eio_and_works_after_restart(FtpServerKind kind)
    {
        await using var mount = await FaultyMount.StartAsync(kind, seed: s => s.CreateDirectory("d"));
        await mount.Server.KillAsync(Ct);
        await Task.Delay(1500, Ct);
        var down = await mount.InMountAsync("ls -l d");
        Assert.NotEqual(0, down.ExitCode);
        Assert.Contains("Input/output error", down.Error, StringComparison.Ordinal);
        Assert.True(down.Took < TimeSpan.FromSeconds(45), $"ls took {down.Took}");

        await mount.Server.RestartAsync(Ct);
        var up = await mount.InMountAsync("ls -la d && echo ok > d/after.txt && cat d/after.txt");
        Assert.True(up.ExitCode == 0, up.Error);
        Assert.Contains("ok", up.Output, StringComparison.Ordinal);
    }

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Data_connections_reset_mid_transfer_never_give_wrong_bytes_and_the_mount_recovers(FtpServerKind kind)
    {
        await using var mount = await FaultyMount.StartAsync(kind, throughProxy: true, seed: SeedBigFile);
        // Every data connection is cut after 3 MiB. A failed read restarts at its offset (REST), and the kernel
        // re-asks for pages whose read-ahead failed, so the copy may well complete; what it may never do is
        // deliver wrong bytes or hang.
        mount.Proxy!.ResetDataConnectionsAfter(3 * 1024 * 1024);
        var cut = await mount.InMountAsync("sha256sum big.bin", 120);
        Assert.True(cut.Took < TimeSpan.FromSeconds(100), $"the read took {cut.Took}");
        if (cut.ExitCode == 0)
        {
            Assert.StartsWith(TestData.Sha256(TestData.Bytes(40 * 1024 * 1024, 7)), cut.Output, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("Input/output error", cut.Error, StringComparison.Ordinal);
        }

        mount.Proxy.StopResettingDataConnections();
        var whole = await mount.InMountAsync("sha256sum big.bin");
        Assert.Equal(0, whole.ExitCode);
        Assert.StartsWith(TestData.Sha256(TestData.Bytes(40 * 1024 * 1024, 7)), whole.Output, StringComparison.Ordinal);
    }

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Control_connections_reset_between_operations_are_replaced_transparently(FtpServerKind kind)
    {
        await using var mount = await FaultyMount.StartAsync(kind, throughProxy: true, seed: s => s.CreateFile("a.txt", "alpha"u8));
        Assert.Equal(0, (await mount.InMountAsync("ls -l")).ExitCode);
        mount.Proxy!.ResetAllConnections();
        await Task.Delay(1500, Ct);
        var after = await mount.InMountAsync("cat a.txt && echo beta > b.txt && ls");
        Assert.True(after.ExitCode == 0, after.Error);
        Assert.Contains("alpha", after.Output, StringComparison.Ordinal);
        Assert.Equal("beta\n", await File.ReadAllTextAsync(mount.ServerPathOf("b.txt"), Ct));
    }

    [Fact(Timeout = 180_000)]
    public async Task Server_that_stops_answering_hits_the_deadline_and_the_pool_recovers()
    {
        await using var mount = await FaultyMount.StartAsync(FtpServerKind.Vsftpd, throughProxy: true, seed: s => s.CreateDirectory("quiet"));
        mount.Proxy!.BlackHole = true;
        await Task.Delay(1500, Ct);
        var silent = await mount.InMountAsync("ls quiet", 120);
        Assert.NotEqual(0, silent.ExitCode);
        Assert.True(silent.Took < TimeSpan.FromSeconds(90), $"ls took {silent.Took}");

        mount.Proxy.BlackHole = false;
        var back = await mount.InMountAsync("ls -la quiet && touch quiet/x && ls quiet");
        Assert.True(back.ExitCode == 0, back.Error);
        Assert.Contains("x", back.Output, StringComparison.Ordinal);
    }

    [Theory(Timeout = 180_000)]
    [InlineData(FtpServerKind.Vsftpd)]
    [InlineData(FtpServerKind.Proftpd)]
    [InlineData(FtpServerKind.Pyftpdlib)]
    public async Task Server_idle_timeout_between_operations_is_invisible_to_programs(FtpServerKind kind)
    {
        await using var mount = await FaultyMount.StartAsync(
            kind, new FtpServerOptions { IdleTimeoutSeconds = 2 }, seed: s => s.CreateFile("idle.txt", "still here"u8));
        Assert.Equal(0, (await mount.InMountAsync("cat idle.txt")).ExitCode);
        await Task.Delay(4000, Ct);
        var after = await mount.InMountAsync("cat idle.txt && ls -l && echo more >> idle.txt && cat idle.txt");
        Assert.True(after.ExitCode == 0, after.Error);
        Assert.Contains("still heremore", after.Output.Replace("\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory(Timeout = 240_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Sixteen_parallel_readers_succeed_against_a_two_connection_server_limit(FtpServerKind kind)
    {
        await using var mount = await FaultyMount.StartAsync(
            kind,
            new FtpServerOptions { MaxConnectionsPerIp = 2 },
            // Sixteen readers share one stream slot, so each may wait behind the others: a longer deadline than the
            // fault tests' 4 s keeps this about correctness under the limit, not about a loaded machine's speed.
            options: "timeout=15,connect_timeout=5,dir_cache_ttl=1,attr_timeout=1,max_connections=8",
            seed: s =>
            {
                for (var i = 0; i < 16; i++)
                {
                    s.CreateFile($"f{i}.bin", TestData.Bytes(2 * 1024 * 1024, 100 + i));
                }
            });
        var all = await mount.InMountAsync(
            "pids=; for i in $(seq 0 15); do sha256sum f$i.bin & pids=\"$pids $!\"; done; rc=0; for p in $pids; do wait $p || rc=1; done; exit $rc", 180);
        Assert.True(all.ExitCode == 0, all.Error);
        for (var i = 0; i < 16; i++)
        {
            Assert.Contains($"{TestData.Sha256(TestData.Bytes(2 * 1024 * 1024, 100 + i))}  f{i}.bin", all.Output, StringComparison.Ordinal);
        }
    }
}
