using System.Collections.Concurrent;
using System.Globalization;
using FtpMount.Testing.Native;

namespace FtpMount.Cli.Tests.Reliability;

/// <summary>
/// One worker of <see cref="ConcurrentIntegrityStressTests"/>: a thread that runs random operations on the shared
/// files, each under the locks of the names it touches, and checks the mount against the model after each.
/// </summary>
internal sealed class ConcurrentStressWorker(
    FaultyMount mount, SharedFileModel model, Random random, string name, CancellationTokenSource stop, ConcurrentQueue<string>? trace)
{
    private const int MaxSize = 96 * 1024;

    private string _context = string.Empty;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The name as the mount shows it: absent, or with the model's size and bytes. Under the name's lock.</summary>
    public static void ExpectOnMount(FaultyMount mount, SharedFileModel model, int index, string context)
    {
        var path = mount.PathOf(model.Names[index]);
        if (model[index] is not { } expected)
        {
            Assert.False(File.Exists(path), $"{model.Names[index]} exists on the mount, the model has none ({context})");
            return;
        }

        var size = new FileInfo(path).Length;
        Assert.True(size == expected.Length, $"{model.Names[index]} has {size} bytes on the mount, the model {expected.Length} ({context})");
        var content = File.ReadAllBytes(path);
        Assert.True(expected.AsSpan().SequenceEqual(content), $"{model.Names[index]} differs from the model ({content.Length} bytes read, {context})");
    }

    public void Run(int operations)
    {
        for (var step = 0; step < operations && !stop.IsCancellationRequested; step++)
        {
            var what = random.Next(110);
            var file = random.Next(model.Names.Count);
            var other = (file + 1 + random.Next(model.Names.Count - 1)) % model.Names.Count;
            _context = $"{name}, step {step}";
            try
            {
                Action operation = what switch
                {
                    < 20 => () => model.With(file, () => WriteAt(file)),
                    < 30 => () => model.With(file, () => ExpectOnMount(mount, model, file, _context + ", read back")),
                    < 40 => () => model.With(file, () => Truncate(file)),
                    < 50 => () => model.With(file, other, () => RenameOver(file, other)),
                    < 56 => () => model.With(file, () => Unlink(file)),
                    < 61 => () => model.With(file, () => CloseThenReopen(file)),
                    < 66 => () => model.With(file, () => CloseWhileOpening(file)),
                    < 76 => () => model.With(file, () => SecondHandleOutlivesFirst(file)),
                    < 82 => () => model.With(file, other, () => RenameOverOpenTarget(file, other)),
                    < 88 => () => model.With(file, other, () => RenameOpenSource(file, other)),
                    < 91 => () => model.With(file, () => UnlinkWhileOpen(file)),
                    < 97 => () => model.With(file, () => StreamedRewrite(file)),
                    < 100 => () => model.WithAll(ListAll),
                    < 105 => () => model.With(file, () => TruncateByPath(file)),
                    _ => () => model.With(file, () => TouchByPath(file)),
                };
                Trace($"start {what} {model.Names[file]} {model.Names[other]}");
                operation();
                Trace($"end {what}");
            }
            catch
            {
                stop.Cancel();
                TestContext.Current.SendDiagnosticMessage($"failed at {_context} (operation {what})");
                throw;
            }
        }
    }

    private void Trace(string what) =>
        trace?.Enqueue($"{DateTime.Now.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)} {_context}: {what}");

    private string PathOf(int index) => mount.PathOf(model.Names[index]);

    private static FileStream Open(string path, FileMode mode) =>
        new(path, mode, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);

    private byte[] RandomBytes(int max)
    {
        var data = new byte[random.Next(1, max)];
        random.NextBytes(data);
        return data;
    }

    private long OffsetIn(byte[] content) => random.Next(0, Math.Min(content.Length + 1024, MaxSize));

    /// <summary>Writes at an offset (and maybe once more) and closes; an absent name is created.</summary>
    private void WriteAt(int file)
    {
        var content = model[file];
        using (var stream = Open(PathOf(file), content is null ? FileMode.CreateNew : FileMode.Open))
        {
            content ??= [];
            for (var writes = random.Next(1, 3); writes > 0; writes--)
            {
                content = Write(stream, content);
            }
        }

        model[file] = content;
        ExpectSize(file, "after a write and close");
    }

    private byte[] Write(FileStream stream, byte[] content)
    {
        var offset = OffsetIn(content);
        var data = RandomBytes(24 * 1024);
        stream.Position = offset;
        stream.Write(data);
        return SharedFileModel.Written(content, offset, data);
    }

    /// <summary>ftruncate through a handle, or an open with O_TRUNC followed by a write.</summary>
    private void Truncate(int file)
    {
        if (model[file] is not { } content)
        {
            return;
        }

        if (random.Next(3) == 0)
        {
            using var stream = Open(PathOf(file), FileMode.Truncate);
            model[file] = Write(stream, []);
        }
        else
        {
            var length = random.Next(0, Math.Min(content.Length + 4096, MaxSize));
            using var stream = Open(PathOf(file), FileMode.Open);
            stream.SetLength(length);
            model[file] = SharedFileModel.Resized(content, length);
        }

        ExpectSize(file, "after a truncation");
    }

    private void RenameOver(int from, int to)
    {
        if (model[from] is not { } content)
        {
            return;
        }

        File.Move(PathOf(from), PathOf(to), overwrite: true);
        model[to] = content;
        model[from] = null;
        ExpectSize(from, "after renaming it away");
        ExpectSize(to, "after renaming over it");
    }

    private void Unlink(int file)
    {
        if (model[file] is null)
        {
            return;
        }

        File.Delete(PathOf(file));
        model[file] = null;
        ExpectSize(file, "after unlink");
    }

    /// <summary>Write, close, and open again at once: the open races the close's release.</summary>
    private void CloseThenReopen(int file)
    {
        if (model[file] is not { } content)
        {
            return;
        }

        using (var first = Open(PathOf(file), FileMode.Open))
        {
            content = Write(first, content);
        }

        using (var second = Open(PathOf(file), FileMode.Open))
        {
            ExpectContent(second, content, "through a handle opened right after a close");
            content = Write(second, content);
        }

        model[file] = content;
        ExpectSize(file, "after close and reopen");
    }

    /// <summary>One thread closes a handle with unsaved writes while another opens the file: both reach the mount at once.</summary>
    private void CloseWhileOpening(int file)
    {
        if (model[file] is not { } content)
        {
            return;
        }

        var first = Open(PathOf(file), FileMode.Open);
        Task<FileStream> opening;
        try
        {
            content = Write(first, content);
            using var start = new Barrier(2);
            opening = Task.Run(
                () =>
                {
                    Assert.True(start.SignalAndWait(TimeSpan.FromSeconds(60)), "the closing thread never came");
                    return Open(PathOf(file), FileMode.Open);
                },
                Ct);
            Assert.True(start.SignalAndWait(TimeSpan.FromSeconds(60)), "the opening thread never came");
        }
        finally
        {
            first.Dispose();
        }

        using (var second = opening.GetAwaiter().GetResult())
        {
            ExpectContent(second, content, "through a handle opened while another one closed");
            content = Write(second, content);
        }

        model[file] = content;
        ExpectSize(file, "after a close and an open at once");
    }

    /// <summary>A second handle opened before the first is closed reads the first's writes and saves its own.</summary>
    private void SecondHandleOutlivesFirst(int file)
    {
        if (model[file] is not { } content)
        {
            return;
        }

        var first = Open(PathOf(file), FileMode.Open);
        FileStream second;
        try
        {
            content = Write(first, content);
            second = Open(PathOf(file), FileMode.Open);
        }
        finally
        {
            first.Dispose();
        }

        using (second)
        {
            ExpectContent(second, content, "through a second handle after the first closed");
            content = Write(second, content);
        }

        model[file] = content;
        ExpectSize(file, "after two overlapping handles");
    }

    /// <summary>
    /// rename(2) over a file a handle has open with unsaved changes: the handle keeps the old content, and its close
    /// must not save it over the file renamed in.
    /// </summary>
    private void RenameOverOpenTarget(int from, int to)
    {
        if (model[from] is not { } moving || model[to] is not { } replaced)
        {
            return;
        }

        using (var stream = Open(PathOf(to), FileMode.Open))
        {
            replaced = Write(stream, replaced);
            File.Move(PathOf(from), PathOf(to), overwrite: true);
            ExpectContent(stream, replaced, "through a handle on a file renamed over");
            Write(stream, replaced);
        }

        model[to] = moving;
        model[from] = null;
        ExpectSize(from, "after renaming it over an open file");
        ExpectSize(to, "after a rename over it while open");
    }

    /// <summary>rename(2) of a file open with unsaved changes: the handle goes on writing, its close saves under the new name.</summary>
    private void RenameOpenSource(int from, int to)
    {
        if (model[from] is not { } content)
        {
            return;
        }

        using (var stream = Open(PathOf(from), FileMode.Open))
        {
            content = Write(stream, content);
            File.Move(PathOf(from), PathOf(to), overwrite: true);
            content = Write(stream, content);
        }

        model[to] = content;
        model[from] = null;
        ExpectSize(from, "after renaming it while open");
        ExpectSize(to, "after it was renamed in while open");
    }

    /// <summary>unlink(2) of an open file: the handle keeps its content, its close must not bring the name back.</summary>
    private void UnlinkWhileOpen(int file)
    {
        if (model[file] is not { } content)
        {
            return;
        }

        using (var stream = Open(PathOf(file), FileMode.Open))
        {
            content = Write(stream, content);
            File.Delete(PathOf(file));
            ExpectContent(stream, content, "through a handle on an unlinked file");
            Write(stream, content);
        }

        model[file] = null;
        ExpectSize(file, "after closing an unlinked file");
    }

    /// <summary>
    /// create(2) over the name (O_TRUNC) and sequential writes from 0, which feed a streaming upload; sometimes a
    /// second handle opens midway, reads what was written and closes (a save while the stream runs).
    /// </summary>
    private void StreamedRewrite(int file)
    {
        var content = Array.Empty<byte>();
        var peekAt = random.Next(2) == 0 ? random.Next(1, 4) : -1;
        using (var stream = Open(PathOf(file), FileMode.Create))
        {
            for (var chunk = 0; chunk < 6 && content.Length < MaxSize; chunk++)
            {
                var data = RandomBytes(32 * 1024);
                stream.Write(data);
                content = [.. content, .. data];
                if (chunk == peekAt)
                {
                    using var second = Open(PathOf(file), FileMode.Open);
                    ExpectContent(second, content, "through a second handle while a streamed save runs");
                }
            }
        }

        model[file] = content;
        ExpectSize(file, "after a streamed rewrite");
    }

    /// <summary>
    /// truncate(2) by name, with no handle of this call's own; half the time while a handle has unsaved writes, which
    /// goes on writing after it: the cut applies to the file that handle writes, and its close saves both.
    /// </summary>
    private void TruncateByPath(int file)
    {
        if (model[file] is not { } content)
        {
            return;
        }

        var length = random.Next(0, Math.Min(content.Length + 4096, MaxSize));
        if (random.Next(2) == 0)
        {
            UnixPath.Truncate(PathOf(file), length);
            model[file] = SharedFileModel.Resized(content, length);
        }
        else
        {
            using var stream = Open(PathOf(file), FileMode.Open);
            content = Write(stream, content);
            UnixPath.Truncate(PathOf(file), length);
            content = SharedFileModel.Resized(content, length);
            ExpectContent(stream, content, "through a handle on a file truncated by name");
            content = Write(stream, content);
            model[file] = content;
        }

        ExpectSize(file, "after a truncate by name");
    }

    /// <summary>utimens(2) by name (touch -d), sometimes while a handle has unsaved writes: content and size stay.</summary>
    private void TouchByPath(int file)
    {
        if (model[file] is not { } content)
        {
            return;
        }

        var time = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.Next(100_000_000));
        if (random.Next(2) == 0)
        {
            File.SetLastWriteTimeUtc(PathOf(file), time);
        }
        else
        {
            using var stream = Open(PathOf(file), FileMode.Open);
            content = Write(stream, content);
            File.SetLastWriteTimeUtc(PathOf(file), time);
            content = Write(stream, content);
            model[file] = content;
        }

        ExpectSize(file, "after a touch");
    }

    /// <summary>With every name held: the listing shows exactly the model's files with their sizes.</summary>
    private void ListAll()
    {
        var listed = new DirectoryInfo(mount.MountPoint).GetFiles().ToDictionary(f => f.Name, f => f.Length, StringComparer.Ordinal);
        for (var i = 0; i < model.Names.Count; i++)
        {
            var expected = model[i]?.Length;
            long? shown = listed.TryGetValue(model.Names[i], out var length) ? length : null;
            Assert.True(shown == expected, $"the listing shows {model.Names[i]} with {shown?.ToString(CultureInfo.InvariantCulture) ?? "no entry"}, the model {expected?.ToString(CultureInfo.InvariantCulture) ?? "no file"} ({_context})");
        }

        Assert.True(listed.Count == Enumerable.Range(0, model.Names.Count).Count(i => model[i] is not null), $"the listing shows [{string.Join(", ", listed.Keys)}] ({_context})");
    }

    private void ExpectSize(int file, string when)
    {
        var path = PathOf(file);
        var info = new FileInfo(path);
        if (model[file] is not { } content)
        {
            Assert.False(info.Exists, $"{model.Names[file]} exists {when}, the model has none ({_context})");
            return;
        }

        Assert.True(info.Exists && info.Length == content.Length, $"{model.Names[file]} has {(info.Exists ? info.Length : -1)} bytes {when}, the model {content.Length} ({_context})");
    }

    private void ExpectContent(FileStream stream, byte[] content, string how)
    {
        stream.Position = 0;
        var read = new byte[content.Length + 1];
        var total = 0;
        int n;
        while (total < read.Length && (n = stream.Read(read, total, read.Length - total)) > 0)
        {
            total += n;
        }

        Assert.True(total == content.Length && content.AsSpan().SequenceEqual(read.AsSpan(0, total)), $"{total} bytes read {how}, the model has {content.Length} (equal: {content.AsSpan().SequenceEqual(read.AsSpan(0, Math.Min(total, content.Length)))}; {_context})");
    }
}
