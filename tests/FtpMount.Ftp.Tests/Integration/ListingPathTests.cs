using FtpMount.Ftp.Errors;
using FtpMount.Testing;

namespace FtpMount.Ftp.Tests.Integration;

/// <summary>
/// LIST names the directory in the command where that is safe and falls back to CWD where the name would be read
/// as options or a glob; both ways must list the same directory on every real server.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[Trait("Category", "Integration")]
public class ListingPathTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<FtpServerKind> AllServers => FtpServerKinds.All;

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(AllServers))]
    public async Task Every_directory_name_lists_its_own_contents(FtpServerKind kind)
    {
        await using var s = await ServerSession.StartAsync(kind);
        string[] names = ["plain", "with space", "-dash", "glob[1]*", "dir?"];
        foreach (var name in names)
        {
            var local = Directory.CreateDirectory(s.LocalPathOf(name));
            await File.WriteAllTextAsync(Path.Combine(local.FullName, $"in-{names.ToList().IndexOf(name)}.txt"), "x", Ct);
        }

        // Decoys: what a glob or option reading of the names above would list instead.
        await File.WriteAllTextAsync(s.LocalPathOf("glob1x"), "decoy", Ct);
        await File.WriteAllTextAsync(s.LocalPathOf("dirX"), "decoy", Ct);

        for (var i = 0; i < names.Length; i++)
        {
            var path = s.PathOf(names[i]);
            var lists = await s.Session.ListLongAsync(path, Ct);
            Assert.Equal([$"in-{i}.txt"], lists.Entries.Select(e => e.Name).Where(n => !n.StartsWith('.')));
            var best = await s.Session.ListAsync(path, Ct);
            Assert.Equal([$"in-{i}.txt"], best.Entries.Select(e => e.Name).Where(n => !n.StartsWith('.')));
        }
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(AllServers))]
    public async Task Dot_files_are_listed_by_path(FtpServerKind kind)
    {
        await using var s = await ServerSession.StartAsync(kind);
        var local = Directory.CreateDirectory(s.LocalPathOf("dots"));
        await File.WriteAllTextAsync(Path.Combine(local.FullName, ".hidden"), "x", Ct);
        await File.WriteAllTextAsync(Path.Combine(local.FullName, "shown"), "x", Ct);

        var listing = await s.Session.ListLongAsync(s.PathOf("dots"), Ct);
        Assert.Contains(listing.Entries, e => e.Name == "shown");
        Assert.Contains(listing.Entries, e => e.Name == ".hidden");
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(AllServers))]
    public async Task Listing_a_missing_directory_fails(FtpServerKind kind)
    {
        await using var s = await ServerSession.StartAsync(kind);
        await Assert.ThrowsAnyAsync<FtpException>(() => s.Session.ListLongAsync(s.PathOf("missing"), Ct));
        await Assert.ThrowsAnyAsync<FtpException>(() => s.Session.ListAsync(s.PathOf("missing"), Ct));
        Assert.False(s.Session.IsBroken);
    }
}
