using System.ComponentModel;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>
/// -o encoding on a server that writes names in a code page (pyftpdlib speaking windows-1251 or Shift_JIS on the
/// wire; its files keep UTF-8 names on disk): programs see and make the names as they are, and a name the code page
/// cannot write is EILSEQ, nothing sent.
/// </summary>
[Trait("Category", "Integration")]
public class NameEncodingMountTests
{
    private const int Eilseq = 84;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = 180_000)]
    [InlineData("cp1251", "windows-1251", "Отчёт за март.txt", "Новая папка", "日本.txt")]
    [InlineData("shift_jis", "shift_jis", "報告書.txt", "新しいフォルダ", "한국어.txt")]
    public async Task Programs_see_and_make_names_in_the_servers_code_page_and_get_EILSEQ_for_one_it_cannot_write(
        string serverCodec, string encoding, string existing, string folder, string unwritable)
    {
        await using var mount = await MountedServer.StartAsync(
            FtpServerKind.Pyftpdlib, new FtpServerOptions { NameEncoding = serverCodec }, $"encoding={encoding}");
        mount.Server.CreateFile(existing, "hello\n"u8);

        Assert.Contains(existing, Directory.EnumerateFiles(mount.MountPoint).Select(Path.GetFileName));
        Assert.Equal("hello\n", await File.ReadAllTextAsync(mount.PathOf(existing), Ct));
        Directory.CreateDirectory(mount.PathOf(folder));
        await File.WriteAllTextAsync(mount.PathOf(Path.Combine(folder, existing)), "copy\n", Ct);

        Assert.Equal("copy\n", await File.ReadAllTextAsync(Path.Combine(mount.Server.RootDirectory, folder, existing), Ct));
        var refused = await ExternalProgram.RunAsync("touch", [mount.PathOf(unwritable)], TimeSpan.FromSeconds(30), Ct);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains(new Win32Exception(Eilseq).Message, refused.Error, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(Path.Combine(mount.Server.RootDirectory, unwritable)));
    }
}
