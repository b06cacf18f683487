using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Reliability;

/// <summary>
/// A server that allows far fewer connections than programs read files in parallel never makes a read fail, however
/// busy the machine: readers take turns on the connections the server allows (issue 11 point 16).
/// </summary>
[Trait("Category", "Integration")]
public class ConnectionLimitTests
{
    public static TheoryData<FtpServerKind> PlainServers => FtpServerKinds.Plain;

    private const int Readers = 16;

    private const int Rounds = 3;

    private static byte[] Content(int file) => TestData.Bytes(2 * 1024 * 1024, 100 + file);

    /// <remarks>
    /// Before the fix this failed with "sha256sum: Input/output error" after a minute: every libfuse worker thread
    /// waited for a connection while the two connections were held by readers between reads, whose next reads
    /// needed a worker thread; only the pool's wait timeout broke the deadlock, with EIO.
    /// </remarks>
    [Theory(Timeout = 420_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Sixteen_parallel_readers_under_cpu_load_all_succeed_against_a_two_connection_server_limit(FtpServerKind kind)
    {
        await using var mount = await FaultyMount.StartAsync(
            kind,
            new FtpServerOptions { MaxConnectionsPerIp = 2 },
            options: "timeout=15,connect_timeout=5,dir_cache_ttl=1,attr_timeout=1,max_connections=8",
            seed: s =>
            {
                for (var i = 0; i < Readers * Rounds; i++)
                {
                    s.CreateFile($"f{i}.bin", Content(i));
                }
            });
        using var load = CpuLoad.Start();
        for (var round = 0; round < Rounds; round++)
        {
            // Fresh files each round, so every read reaches the server rather than the page cache.
            var first = round * Readers;
            var all = await mount.InMountAsync(
                $"pids=; for i in $(seq {first} {first + Readers - 1}); do sha256sum f$i.bin & pids=\"$pids $!\"; done; " +
                "rc=0; for p in $pids; do wait $p || rc=1; done; exit $rc",
                120);
            Assert.True(all.ExitCode == 0, $"round {round} on {kind}: exit code {all.ExitCode} after {all.Took}: {all.Error}");
            for (var i = first; i < first + Readers; i++)
            {
                Assert.Contains($"{TestData.Sha256(Content(i))}  f{i}.bin", all.Output, StringComparison.Ordinal);
            }
        }
    }
}
