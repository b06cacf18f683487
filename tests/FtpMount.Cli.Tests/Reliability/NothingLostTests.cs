using System.Diagnostics;
using FtpMount.Cli.Tests.Mount;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Reliability;

/// <summary>What a program saved is on the server, or its save reported an error and the data was kept.</summary>
[Trait("Category", "Integration")]
public class NothingLostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = 120_000)]
    [InlineData("452 Insufficient storage space")]
    [InlineData("552 Exceeded storage allocation")]
    public async Task Out_of_space_on_upload_is_ENOSPC_and_never_leaves_a_partial_file(string reply)
    {
        await using var mount = await FaultyMount.StartAsync(FtpServerKind.Pyftpdlib, throughProxy: true, seed: s => s.CreateFile("doc.txt", "old"u8));
        var proxy = mount.Proxy!;
        Func<string, string?> replace = null!;
        replace = text =>
        {
            if (text.StartsWith("226", StringComparison.Ordinal))
            {
                return reply + "\r\n";
            }

            proxy.ReplaceNextReply(replace);
            return text;
        };
        proxy.ReplaceNextReply(replace);
        // A shell redirect ignores close() errors; python reports them, as careful programs do.
        var save = await mount.InMountAsync("python3 -c \"f = open('doc.txt', 'w'); f.write('new text'); f.close()\"");
        Assert.NotEqual(0, save.ExitCode);
        Assert.Contains("No space left on device", save.Error, StringComparison.Ordinal);
        // close() reported the failure; release(), which follows it, tries once more with the kept data, and the
        // injected refusal was for one reply only. So the server has the old file or the whole new one, never a mix.
        Assert.Contains(await File.ReadAllTextAsync(mount.ServerPathOf("doc.txt"), Ct), new[] { "old", "new text" });
    }

    [Fact(Timeout = 180_000)]
    public async Task Save_refused_while_the_server_was_down_survives_a_kill_of_the_mount_and_is_uploaded_by_the_next_mount()
    {
        await using var mount = await FaultyMount.StartAsync(FtpServerKind.Pyftpdlib);
        var flags = Directory.CreateTempSubdirectory("ftpmount-flags-").FullName;
        // The program opens and writes while the server is up, then closes after the server died.
        var program = $"import os, time\nf = open('saved.txt', 'w')\nf.write('precious')\nopen('{flags}/written', 'w').close()\n"
                      + $"while not os.path.exists('{flags}/go'): time.sleep(0.05)\nf.close()\n";
        await File.WriteAllTextAsync(Path.Combine(flags, "save.py"), program, Ct);
        var saving = mount.InMountAsync($"python3 '{flags}/save.py'");
        await Poll.UntilOrFailAsync(
            () => File.Exists(Path.Combine(flags, "written")), TimeSpan.FromSeconds(60), "the program never wrote to the mount", Ct);

        await mount.Server.KillAsync(Ct);
        await File.WriteAllTextAsync(Path.Combine(flags, "go"), string.Empty, Ct);
        var save = await saving;
        Directory.Delete(flags, recursive: true);
        Assert.NotEqual(0, save.ExitCode);
        Assert.Contains("Input/output error", save.Error, StringComparison.Ordinal);

        // close() has returned (with its error); now the mount process dies without any chance to clean up.
        var pid = MountProcess.FindServing(mount.MountPoint);
        Process.GetProcessById(pid).Kill();
        await FaultyMount.ShellAsync($"fusermount3 -u -z '{mount.MountPoint}'", 30);

        await mount.Server.RestartAsync(Ct);
        Assert.False(File.Exists(mount.ServerPathOf("saved.txt")));
        await mount.MountAsync();
        Assert.True(File.Exists(mount.ServerPathOf("saved.txt")), $"not uploaded by the next mount; its log:\n{mount.LastMountLog}");
        Assert.Equal("precious", await File.ReadAllTextAsync(mount.ServerPathOf("saved.txt"), Ct));
        var seen = await mount.InMountAsync("cat saved.txt");
        Assert.Equal("precious", seen.Output);
    }
}
