using FtpMount.Core.Cache;
using FtpMount.Testing;
using static FtpMount.Core.Tests.Integration.CoreOverServer;

namespace FtpMount.Core.Tests.Integration;

/// <summary>
/// Listed times are exact to the second on every server: where LIST is coarse (vsftpd: minutes, or the day for files
/// older than six months) each file is asked with MDTM once, and a later listing that still agrees asks nothing.
/// Servers with MLSD are never asked.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ExactTimeTests
{
    private const int Files = 40;
    private static readonly DateTimeOffset Old = new(2020, 1, 2, 7, 8, 9, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<FtpServerKind> PlainServers => FtpServerKinds.Plain;

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Listing_shows_seconds_exact_times_and_asks_each_coarse_file_once(FtpServerKind kind)
    {
        await using var setup = await StartAsync(kind);
        var recent = DateTimeOffset.UtcNow.AddHours(-2);
        recent = recent.AddTicks(-(recent.UtcTicks % TimeSpan.TicksPerSecond));
        var expected = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        for (int i = 0; i < Files; i++)
        {
            var time = (i % 2 == 0 ? Old : recent).AddSeconds(i * 7);
            var name = $"f{i:D2}.txt";
            File.SetLastWriteTimeUtc(setup.Server.CreateFile($"dir/{name}", "x"u8), time.UtcDateTime);
            expected[name] = time;
        }

        var recorder = new CommandRecorder();
        var ttl = TimeSpan.FromMilliseconds(300);
        var core = await setup.OpenCoreAsync(options: new RemoteFileSystemOptions { Cache = new DirectoryCacheOptions { DirectoryTtl = ttl } }, ftpLogger: recorder);

        Assert.Equal(expected, await TimesAsync(core));
        var first = Mdtms(recorder);
        await Task.Delay(ttl * 2, Ct);
        Assert.Equal(expected, await TimesAsync(core));
        var second = Mdtms(recorder) - first;

        // vsftpd has no MLSD: every file once, then none. The others list seconds with MLSD: none at all.
        Assert.Equal(kind == FtpServerKind.Vsftpd ? Files : 0, first);
        Assert.Equal(0, second);
        Assert.Equal(first, core.ExactTimeQueries);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(PlainServers))]
    public async Task A_time_set_through_the_mount_is_shown_to_the_tick_after_the_cache_expired_without_asking(FtpServerKind kind)
    {
        await using var setup = await StartAsync(kind);
        setup.Server.CreateFile("dir/set.txt", "content"u8);
        var recorder = new CommandRecorder();
        var ttl = TimeSpan.FromMilliseconds(300);
        var core = await setup.OpenCoreAsync(options: new RemoteFileSystemOptions { Cache = new DirectoryCacheOptions { DirectoryTtl = ttl } }, ftpLogger: recorder);
        var wanted = Old.AddTicks(1234567); // utimensat gives nanoseconds; servers keep seconds

        await core.SetModifiedTimeAsync(P("/dir/set.txt"), wanted, Ct);
        var before = Mdtms(recorder);
        await Task.Delay(ttl * 2, Ct);

        Assert.Equal(wanted, (await TimesAsync(core))["set.txt"]);
        Assert.Equal(before, Mdtms(recorder));
        Assert.Equal(Old.UtcDateTime, File.GetLastWriteTimeUtc(Path.Combine(setup.Server.RootDirectory, "dir/set.txt")));
    }

    private static async Task<Dictionary<string, DateTimeOffset>> TimesAsync(RemoteFileSystem core) =>
        (await core.ListAsync(P("/dir"), Ct)).ToDictionary(e => e.Name, e => e.Modified, StringComparer.Ordinal);

    private static int Mdtms(CommandRecorder recorder) => recorder.Commands.Count(c => c.StartsWith("MDTM ", StringComparison.Ordinal));
}
