using FtpMount.Ftp.Errors;
using FtpMount.Testing;

namespace FtpMount.Ftp.Tests.Integration;

/// <summary>
/// A server that sends names in a code page (pyftpdlib made to speak windows-1251 or Shift_JIS on the wire; its
/// files keep UTF-8 names on disk), read and written with <see cref="FtpClientOptions.NameEncoding"/>.
/// </summary>
[Trait("Category", "Integration")]
public class NameEncodingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = 120_000)]
    [InlineData("cp1251", "windows-1251", "Привет мир.txt", "Папка", "Новый файл.txt", "日本.txt")]
    [InlineData("shift_jis", "shift_jis", "日本語のファイル.txt", "フォルダ", "新しいファイル.txt", "Привет ё ₽.txt")]
    public async Task Names_in_a_code_page_are_listed_read_and_written_as_the_server_has_them(
        string serverCodec, string encoding, string existing, string folder, string created, string unwritable)
    {
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Pyftpdlib, new FtpServerOptions { NameEncoding = serverCodec }, Ct);
        server.CreateFile(existing, "hello, world\n"u8);
        server.CreateDirectory(folder);
        await using var client = new FtpClient(TestClients.OptionsFor(server) with { NameEncoding = FtpNameEncoding.Get(encoding) });

        var listing = await client.ListAsync("/", Ct);
        Assert.Equal(new[] { existing, folder }.Order(StringComparer.Ordinal), listing.Entries.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Empty(listing.Rejected);
        await using (var download = await client.OpenReadAsync("/" + existing, 0, Ct))
        {
            Assert.Equal("hello, world\n"u8.ToArray(), await TestClients.ReadAllAsync(download));
        }

        using (var source = new MemoryStream("new\n"u8.ToArray()))
        {
            await client.UploadAsync($"/{folder}/{created}", source, Ct);
        }

        Assert.Equal("new\n", await File.ReadAllTextAsync(Path.Combine(server.RootDirectory, folder, created), Ct));
        Assert.Equal(4, (await client.GetEntryAsync($"/{folder}/{created}", Ct))?.Size);

        using (var source = new MemoryStream("x"u8.ToArray()))
        {
            await Assert.ThrowsAsync<FtpUnencodableNameException>(() => client.UploadAsync("/" + unwritable, source, Ct));
        }

        Assert.Equal(
            new[] { folder, existing }.Order(StringComparer.Ordinal),
            Directory.EnumerateFileSystemEntries(server.RootDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task Without_the_encoding_names_in_a_code_page_are_refused_not_mangled()
    {
        await using var server = await FtpTestServer.StartAsync(FtpServerKind.Pyftpdlib, new FtpServerOptions { NameEncoding = "cp1251" }, Ct);
        server.CreateFile("Привет.txt", "x"u8);
        server.CreateFile("plain.txt", "x"u8);
        await using var client = new FtpClient(TestClients.OptionsFor(server));

        var listing = await client.ListAsync("/", Ct);

        Assert.Equal(["plain.txt"], listing.Entries.Select(e => e.Name));
        Assert.Contains(listing.Rejected, r => r.Reason == FtpMount.Ftp.Listing.RejectReasons.InvalidUtf8);
        Assert.DoesNotContain(listing.Entries, e => e.Name.Contains('\uFFFD', StringComparison.Ordinal));
    }
}
