using FtpMount.Core.Errors;
using FtpMount.Core.Spool;
using Microsoft.Win32.SafeHandles;

namespace FtpMount.Core.Handles;

/// <summary>
/// A local file holding the content of one remote file while it is being changed: random writes, truncation and
/// reads of unsaved data happen here, and the whole file is uploaded from it. Created 0600 in the spool folder.
/// </summary>
internal sealed class SpoolFile : IDisposable
{
    private readonly SafeFileHandle _handle;
    private long _length;
    private int _disposed;

    private SpoolFile(string path, SafeFileHandle handle)
    {
        FilePath = path;
        _handle = handle;
    }

    public string FilePath { get; }

    public long Length => Interlocked.Read(ref _length);

    public static SpoolFile Create(SpoolFolder folder)
    {
        // CreateNew is O_CREAT|O_EXCL: an existing name or a planted symbolic link fails instead of being followed.
        var path = folder.PathOf($"{Guid.NewGuid():N}.spool");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.Read,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var handle = File.OpenHandle(path, options.Mode, options.Access, options.Share, FileOptions.None, 0);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(handle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return new SpoolFile(path, handle);
    }

    /// <summary>Reopens a spool kept from an earlier run (a pending upload).</summary>
    public static SpoolFile Open(string path)
    {
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        return new SpoolFile(path, handle) { _length = RandomAccess.GetLength(handle) };
    }

    /// <summary>Closes the spool but keeps the file on disk (its upload is pending in the journal).</summary>
    public void Keep()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _handle.Dispose();
        }
    }

    public int Read(Span<byte> buffer, long offset)
    {
        if (offset >= Length)
        {
            return 0;
        }

        var wanted = (int)Math.Min(buffer.Length, Length - offset);
        var total = 0;
        while (total < wanted)
        {
            var read = RandomAccess.Read(_handle, buffer[total..wanted], offset + total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    public void Write(ReadOnlySpan<byte> data, long offset)
    {
        try
        {
            RandomAccess.Write(_handle, data, offset);
        }
        catch (IOException)
        {
            UndoGrowth();
            throw;
        }

        var end = offset + data.Length;
        long current;
        do
        {
            current = Interlocked.Read(ref _length);
            if (end <= current)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _length, end, current) != current);
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, long offset, CancellationToken cancellationToken)
    {
        try
        {
            await RandomAccess.WriteAsync(_handle, data, offset, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            UndoGrowth();
            throw;
        }

        var end = offset + data.Length;
        if (end > Length)
        {
            Interlocked.Exchange(ref _length, end);
        }
    }

    public void SetLength(long length)
    {
        try
        {
            RandomAccess.SetLength(_handle, length);
        }
        catch (IOException)
        {
            UndoGrowth();
            throw;
        }
        catch (ArgumentOutOfRangeException e)
        {
            // .NET reports ftruncate(2)'s EFBIG this way: a length past what the spool's file system holds (ext4: 16 TiB).
            UndoGrowth();
            throw new RemoteFsException(
                FsError.FileTooLarge, $"A length of {length} bytes is more than the spool folder's file system can hold.", e);
        }

        Interlocked.Exchange(ref _length, length);
    }

    /// <summary>fsync(2): the content is on the local disk before a journal entry promises it.</summary>
    public void FlushToDisk() => RandomAccess.FlushToDisk(_handle);

    /// <summary>
    /// A write that failed (ENOSPC on the spool's disk) may have written part of its bytes past the end; the file is
    /// cut back to the length of what was accepted, so the upload (which reads the whole file) sends exactly that.
    /// </summary>
    private void UndoGrowth()
    {
        try
        {
            if (RandomAccess.GetLength(_handle) > Length)
            {
                RandomAccess.SetLength(_handle, Length);
            }
        }
        catch (IOException)
        {
            // Shrinking needs no space; if even that fails the upload's size check refuses the difference.
        }
    }

    /// <summary>A read-only stream over the spool's current content, for uploading.</summary>
    public Stream OpenRead() => new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.Asynchronous);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _handle.Dispose();
        try
        {
            File.Delete(FilePath);
        }
        catch (IOException)
        {
            // A leftover spool file is harmless; the folder is private to the mount.
        }
    }
}
