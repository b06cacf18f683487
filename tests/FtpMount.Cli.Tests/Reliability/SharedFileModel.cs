namespace FtpMount.Cli.Tests.Reliability;

/// <summary>
/// What a small set of files shared by concurrent workers must hold. Each name has its own lock: operations on one
/// name are serialized by the test (so the expected content is defined), operations on different names run at the
/// same time. An operation on two names (a rename) takes both locks, lower index first, so workers never deadlock.
/// </summary>
internal sealed class SharedFileModel
{
    private readonly object[] _locks;
    private readonly byte[]?[] _contents;

    public SharedFileModel(IReadOnlyList<string> names)
    {
        Names = names;
        _locks = [.. names.Select(_ => new object())];
        _contents = new byte[]?[names.Count];
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>The content of name <paramref name="index"/>; null while the file does not exist. Only under its lock.</summary>
    public byte[]? this[int index]
    {
        get => _contents[index];
        set => _contents[index] = value;
    }

    /// <summary>Runs <paramref name="action"/> holding the lock of name <paramref name="index"/>.</summary>
    public void With(int index, Action action)
    {
        lock (_locks[index])
        {
            action();
        }
    }

    /// <summary>Runs <paramref name="action"/> holding the locks of two different names, taken in index order.</summary>
    public void With(int first, int second, Action action)
    {
        var (low, high) = first < second ? (first, second) : (second, first);
        lock (_locks[low])
        {
            lock (_locks[high])
            {
                action();
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> holding every name's lock: nothing else changes meanwhile.</summary>
    public void WithAll(Action action) => WithFrom(0, action);

    private void WithFrom(int index, Action action)
    {
        if (index == _locks.Length)
        {
            action();
            return;
        }

        lock (_locks[index])
        {
            WithFrom(index + 1, action);
        }
    }

    /// <summary>The content after writing <paramref name="data"/> at <paramref name="offset"/> (a hole reads as zeros).</summary>
    public static byte[] Written(byte[] content, long offset, byte[] data)
    {
        var result = new byte[Math.Max(content.Length, offset + data.Length)];
        content.CopyTo(result, 0);
        data.CopyTo(result, offset);
        return result;
    }

    /// <summary>The content after truncating or extending it to <paramref name="length"/>.</summary>
    public static byte[] Resized(byte[] content, long length)
    {
        var result = new byte[length];
        Array.Copy(content, result, Math.Min(content.Length, length));
        return result;
    }
}
