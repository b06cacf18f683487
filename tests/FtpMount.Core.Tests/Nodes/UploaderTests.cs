using System.Text;
using FtpMount.Core.Cache;
using FtpMount.Core.Entries;
using FtpMount.Core.Errors;
using FtpMount.Core.Handles;
using FtpMount.Core.Nodes;
using FtpMount.Core.Paths;
using FtpMount.Core.Spool;
using FtpMount.Testing.InMemory;
using Microsoft.Extensions.Logging.Abstractions;

namespace FtpMount.Core.Tests.Nodes;

/// <summary>
/// The Uploader over the in-memory store: content goes to a temporary name, is checked, and only then renamed over
/// the file; a refused or short store is reported, leaves the old file as it was and leaves no temporary behind.
/// </summary>
public sealed class UploaderTests : IDisposable
{
    private readonly string _spoolDirectory = Directory.CreateTempSubdirectory("ftpmount-unit-").FullName;
    private readonly SpoolFolder _spool;
    private readonly InMemoryRemoteStore _store = new();
    private readonly Uploader _uploader;
    private readonly List<SpoolFile> _spoolFiles = [];

    public UploaderTests()
    {
        _spool = SpoolFolder.Open(_spoolDirectory, _store.Source + "/");
        var map = new ServerPathMap("/");
        _uploader = new Uploader(
            _store, map, new TemporaryLedger(_spool), new RenameOver(_store, NullLogger.Instance), new FolderTimes(), new ExactTimes(16), NullLogger.Instance);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public async Task Upload_sends_the_content_to_a_temporary_name_and_renames_it_over_the_file()
    {
        _store.AddFile("/saved.txt", "old content");
        var node = NodeWith("/saved.txt", "new content");

        var entry = await _uploader.UploadAsync(node, Ct);

        Assert.Equal("new content", _store.ReadText("/saved.txt"));
        Assert.Equal(11, entry.Size);
        Assert.Equal(["/", "/saved.txt"], _store.Paths);
        var store = Assert.Single(_store.Commands, c => c.Verb == StoreVerb.Store);
        Assert.False(store.Overwrites, "the content was stored over an existing name instead of a fresh temporary one");
        var rename = Assert.Single(_store.Commands, c => c.Verb == StoreVerb.Rename);
        Assert.Equal((store.Path, "/saved.txt"), (rename.Path, rename.Target));
        Assert.DoesNotContain(_store.Commands, c => c.Verb == StoreVerb.Delete && c.Path == "/saved.txt");
    }

    [Fact(Timeout = 30_000)]
    public async Task Refused_upload_is_reported_and_the_old_file_stays_as_it_was()
    {
        _store.AddFile("/saved.txt", "old content");
        _store.Faults.Refuse(StoreVerb.Store, _ => true, 553, text: "Could not create file.");
        var node = NodeWith("/saved.txt", "new content");

        var error = await Assert.ThrowsAsync<RemoteFsException>(() => _uploader.UploadAsync(node, Ct));

        Assert.Equal(FsError.AccessDenied, error.Error);
        Assert.Equal("old content", _store.ReadText("/saved.txt"));
        Assert.Equal(["/", "/saved.txt"], _store.Paths);
        Assert.DoesNotContain(_store.Commands, c => c.Path == "/saved.txt" || c.Target == "/saved.txt");
    }

    [Fact(Timeout = 30_000)]
    public async Task Short_store_is_detected_and_nothing_is_renamed_over_the_file()
    {
        _store.AddFile("/saved.txt", "old content");
        // The server says 226 but keeps only the first 3 bytes: only the size check after the STOR can tell.
        _store.Faults.ShortStore(p => p.StartsWith("/.", StringComparison.Ordinal), keeps: 3);
        var node = NodeWith("/saved.txt", "new content");

        var error = await Assert.ThrowsAsync<RemoteFsException>(() => _uploader.UploadAsync(node, Ct));

        Assert.Equal(FsError.IoError, error.Error);
        Assert.Equal("old content", _store.ReadText("/saved.txt"));
        Assert.Equal(["/", "/saved.txt"], _store.Paths);
        Assert.DoesNotContain(_store.Commands, c => c.Verb == StoreVerb.Rename);
    }

    [Fact(Timeout = 30_000)]
    public async Task Upload_cut_mid_transfer_is_reported_and_the_old_file_stays_as_it_was()
    {
        _store.AddFile("/saved.txt", "old content");
        _store.Faults.Cut(StoreVerb.Store, p => p.StartsWith("/.", StringComparison.Ordinal), afterBytes: 4);
        var node = NodeWith("/saved.txt", "new content");

        var error = await Assert.ThrowsAsync<RemoteFsException>(() => _uploader.UploadAsync(node, Ct));

        Assert.Equal(FsError.IoError, error.Error);
        Assert.Equal("old content", _store.ReadText("/saved.txt"));
        Assert.Equal(["/", "/saved.txt"], _store.Paths);
    }

    public void Dispose()
    {
        foreach (var file in _spoolFiles)
        {
            file.Dispose();
        }

        _spool.Dispose();
        Directory.Delete(_spoolDirectory, recursive: true);
    }

    private FileNode NodeWith(string path, string content)
    {
        var spool = SpoolFile.Create(_spool);
        _spoolFiles.Add(spool);
        spool.Write(Encoding.UTF8.GetBytes(content), 0);
        var node = new FileNode(RemotePath.Parse(path), new RemoteEntry(RemotePath.Parse(path).Name, EntryKind.File, 11, DateTimeOffset.UtcNow, null, null));
        node.Copied(spool, DateTimeOffset.UtcNow);
        node.Changed(DateTimeOffset.UtcNow);
        return node;
    }
}
