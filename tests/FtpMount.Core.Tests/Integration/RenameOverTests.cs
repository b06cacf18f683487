using System.Net;
using FtpMount.Core.Errors;
using FtpMount.FtpProxy;
using FtpMount.Testing;
using static FtpMount.Core.Tests.Integration.CoreOverServer;

namespace FtpMount.Core.Tests.Integration;

/// <summary>
/// A rename or save that replaces an existing name never removes it before the replacement is in place: a refused
/// rename leaves both names as they were, and no DELE or RMD of the target is ever sent.
/// </summary>
[Trait("Category", "Integration")]
public class RenameOverTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<FtpServerKind> PlainServers => FtpServerKinds.Plain;

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Rename_the_server_refuses_keeps_the_existing_target_file(FtpServerKind kind)
    {
        await using var setup = await StartAsync(kind);
        setup.Server.CreateFile("locked/moving.txt", "moving"u8);
        setup.Server.CreateFile("kept.txt", "kept"u8);
        var recorder = new CommandRecorder();
        var core = await setup.OpenCoreAsync(ftpLogger: recorder);

        // The source's folder is not writable for the FTP user: the server refuses RNTO (550; pure-ftpd 451).
        await WithReadOnlyFolderAsync(setup, "locked", () => Assert.ThrowsAsync<RemoteFsException>(
            () => core.RenameAsync(P("/locked/moving.txt"), P("/kept.txt"), false, Ct)));

        Assert.Equal("kept", await File.ReadAllTextAsync(ServerPath(setup, "kept.txt"), Ct));
        Assert.Equal("moving", await File.ReadAllTextAsync(ServerPath(setup, "locked/moving.txt"), Ct));
        AssertNothingRemoved(recorder);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Folder_rename_the_server_refuses_keeps_the_empty_target_folder(FtpServerKind kind)
    {
        await using var setup = await StartAsync(kind);
        setup.Server.CreateFile("locked/moving/inside.txt", "inside"u8);
        Directory.CreateDirectory(ServerPath(setup, "empty"));
        var recorder = new CommandRecorder();
        var core = await setup.OpenCoreAsync(ftpLogger: recorder);

        await WithReadOnlyFolderAsync(setup, "locked", () => Assert.ThrowsAsync<RemoteFsException>(
            () => core.RenameAsync(P("/locked/moving"), P("/empty"), false, Ct)));

        Assert.True(Directory.Exists(ServerPath(setup, "empty")), "the target folder was removed");
        Assert.Equal("inside", await File.ReadAllTextAsync(ServerPath(setup, "locked/moving/inside.txt"), Ct));
        AssertNothingRemoved(recorder);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Folder_renamed_onto_an_empty_folder_replaces_it(FtpServerKind kind)
    {
        await using var setup = await StartAsync(kind);
        setup.Server.CreateFile("moving/inside.txt", "inside"u8);
        Directory.CreateDirectory(ServerPath(setup, "empty"));
        var core = setup.Core!;

        await core.RenameAsync(P("/moving"), P("/empty"), false, Ct);

        Assert.Equal("inside", await File.ReadAllTextAsync(ServerPath(setup, "empty/inside.txt"), Ct));
        Assert.False(Directory.Exists(ServerPath(setup, "moving")));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(setup.Server.RootDirectory), p => Path.GetFileName(p).StartsWith(".ftpmount-", StringComparison.Ordinal));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Folder_renamed_onto_a_folder_with_content_is_ENOTEMPTY_and_changes_nothing(FtpServerKind kind)
    {
        await using var setup = await StartAsync(kind);
        setup.Server.CreateFile("moving/inside.txt", "inside"u8);
        setup.Server.CreateFile("full/kept.txt", "kept"u8);
        var recorder = new CommandRecorder();
        var core = await setup.OpenCoreAsync(ftpLogger: recorder);

        var error = await Assert.ThrowsAsync<RemoteFsException>(() => core.RenameAsync(P("/moving"), P("/full"), false, Ct));

        Assert.Equal(FsError.NotEmpty, error.Error);
        Assert.Equal("kept", await File.ReadAllTextAsync(ServerPath(setup, "full/kept.txt"), Ct));
        Assert.Equal("inside", await File.ReadAllTextAsync(ServerPath(setup, "moving/inside.txt"), Ct));
        AssertNothingRemoved(recorder);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Save_whose_rename_is_answered_550_after_the_server_did_it_never_loses_the_file(FtpServerKind kind)
    {
        // The server renames the upload into place, but the reply says 550 (a lying or confused server). The old
        // DELE-and-retry deleted the file just placed and then found its source gone: the file was lost.
        await using var setup = await StartAsync(kind);
        setup.Server.CreateFile("doc.txt", "old"u8);
        await using var proxy = FtpProxy.FtpProxy.Start(new IPEndPoint(IPAddress.Loopback, setup.Server.Port), FtpProxyOptions.Default);
        var recorder = new CommandRecorder();
        var core = await setup.OpenCoreAsync(proxy.Port, ftpLogger: recorder);
        RefuseReplyAfterFirst(proxy, "350", "550 Rename refused.\r\n");

        var file = await core.OpenAsync(P("/doc.txt"), read: false, write: true, truncate: true, Ct);
        await core.WriteAsync(file, "new text"u8.ToArray(), 0, Ct);
        await Record.ExceptionAsync(() => core.FlushAsync(file, Ct));

        // Right after the refused save, before any retry: the name holds the old or the new content.
        Assert.True(File.Exists(ServerPath(setup, "doc.txt")), "doc.txt is gone from the server");
        Assert.Contains(await File.ReadAllTextAsync(ServerPath(setup, "doc.txt"), Ct), new[] { "old", "new text" });
        await core.ReleaseAsync(file, Ct);
        Assert.Equal("new text", await File.ReadAllTextAsync(ServerPath(setup, "doc.txt"), Ct));
        Assert.DoesNotContain("DELE /doc.txt", recorder.Commands);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Save_whose_RNFR_is_refused_reports_it_and_never_deletes_the_target(FtpServerKind kind)
    {
        await using var setup = await StartAsync(kind);
        setup.Server.CreateFile("doc.txt", "old"u8);
        await using var proxy = FtpProxy.FtpProxy.Start(new IPEndPoint(IPAddress.Loopback, setup.Server.Port), FtpProxyOptions.Default);
        var recorder = new CommandRecorder();
        var core = await setup.OpenCoreAsync(proxy.Port, ftpLogger: recorder, client: o => o with { Pipelining = false });
        RefuseFirst(proxy, "350", "550 Renaming uploads is not allowed.\r\n");

        var file = await core.OpenAsync(P("/doc.txt"), read: false, write: true, truncate: true, Ct);
        await core.WriteAsync(file, "new text"u8.ToArray(), 0, Ct);
        await Assert.ThrowsAsync<RemoteFsException>(() => core.FlushAsync(file, Ct));

        Assert.Equal("old", await File.ReadAllTextAsync(ServerPath(setup, "doc.txt"), Ct));
        Assert.DoesNotContain("DELE /doc.txt", recorder.Commands);

        // The injected 550 hid a 350 the server did send: proftpd then waits for RNTO and refuses the retry's
        // transfer commands on that connection. Whatever the retry does, the name keeps a whole version.
        await core.ReleaseAsync(file, Ct);
        Assert.Contains(await File.ReadAllTextAsync(ServerPath(setup, "doc.txt"), Ct), new[] { "old", "new text" });
        Assert.DoesNotContain("DELE /doc.txt", recorder.Commands);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Pipelined_save_whose_RNFR_answer_lies_reports_a_failure_and_leaves_a_whole_version(FtpServerKind kind)
    {
        // RNTO travels with RNFR. A server that accepted RNFR but said 550 then renames the verified upload in: the
        // answers do not fit together, so the save is reported as failed, nothing is deleted, and the name holds the
        // old or the new content, each whole. Later commands go one at a time.
        await using var setup = await StartAsync(kind);
        setup.Server.CreateFile("doc.txt", "old"u8);
        await using var proxy = FtpProxy.FtpProxy.Start(new IPEndPoint(IPAddress.Loopback, setup.Server.Port), FtpProxyOptions.Default);
        var recorder = new CommandRecorder();
        var core = await setup.OpenCoreAsync(proxy.Port, ftpLogger: recorder);
        RefuseFirst(proxy, "350", "550 Renaming uploads is not allowed.\r\n");

        var file = await core.OpenAsync(P("/doc.txt"), read: false, write: true, truncate: true, Ct);
        await core.WriteAsync(file, "new text"u8.ToArray(), 0, Ct);
        await Assert.ThrowsAsync<RemoteFsException>(() => core.FlushAsync(file, Ct));

        Assert.Contains(await File.ReadAllTextAsync(ServerPath(setup, "doc.txt"), Ct), new[] { "old", "new text" });
        Assert.DoesNotContain("DELE /doc.txt", recorder.Commands);
        Assert.False(setup.Ftp.Pipelining);
        await core.ReleaseAsync(file, Ct);
        Assert.Contains(await File.ReadAllTextAsync(ServerPath(setup, "doc.txt"), Ct), new[] { "old", "new text" });
        Assert.DoesNotContain("DELE /doc.txt", recorder.Commands);
    }

    private static string ServerPath(CoreOverServer setup, string relative) => Path.Combine(setup.Server.RootDirectory, relative);

    private static void AssertNothingRemoved(CommandRecorder recorder) =>
        Assert.DoesNotContain(recorder.Commands, c => c.StartsWith("DELE ", StringComparison.Ordinal) || c.StartsWith("RMD ", StringComparison.Ordinal));

    private static async Task WithReadOnlyFolderAsync(CoreOverServer setup, string folder, Func<Task> action)
    {
        var path = ServerPath(setup, folder);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        try
        {
            await action();
        }
        finally
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }

    /// <summary>The reply after the first one starting with <paramref name="code"/> is replaced (RNTO's after RNFR's 350).</summary>
    private static void RefuseReplyAfterFirst(FtpProxy.FtpProxy proxy, string code, string refusal)
    {
        var seen = false;
        Func<string, string?> replace = null!;
        replace = text =>
        {
            if (seen)
            {
                return refusal;
            }

            seen = text.StartsWith(code, StringComparison.Ordinal);
            proxy.ReplaceNextReply(replace);
            return text;
        };
        proxy.ReplaceNextReply(replace);
    }

    /// <summary>The first reply starting with <paramref name="code"/> is replaced (RNFR's 350).</summary>
    private static void RefuseFirst(FtpProxy.FtpProxy proxy, string code, string refusal)
    {
        Func<string, string?> replace = null!;
        replace = text =>
        {
            if (text.StartsWith(code, StringComparison.Ordinal))
            {
                return refusal;
            }

            proxy.ReplaceNextReply(replace);
            return text;
        };
        proxy.ReplaceNextReply(replace);
    }
}
