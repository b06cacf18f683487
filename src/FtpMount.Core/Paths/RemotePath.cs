using System.Text;

namespace FtpMount.Core.Paths;

/// <summary>
/// An absolute, normalised path inside the mount ("/", "/dir/file"). Built only through <see cref="Parse"/> or
/// <see cref="Combine"/>, so every instance is one the FTP layer can send: no empty segments, no "." or "..",
/// no CR, LF or NUL, names of at most <see cref="MaxNameBytes"/> bytes, valid UTF-16 (and so valid UTF-8).
/// A backslash is an ordinary character, as in Linux names; whether a server may be sent one is the server's
/// question (<see cref="ServerNameRules"/>), and Windows never passes one inside a name.
/// </summary>
public sealed class RemotePath : IEquatable<RemotePath>
{
    /// <summary>
    /// NAME_MAX of Linux and of the file systems FTP servers keep their files on (ext4, xfs, btrfs: 255 bytes). The
    /// kernel sends FUSE names up to 1024 bytes; a longer one is ENAMETOOLONG at lookup and create, as on a local
    /// disk, instead of a create that works until close() (the upload's rename is what the server refuses).
    /// </summary>
    public const int MaxNameBytes = 255;

    public static RemotePath Root { get; } = new("/");

    private RemotePath(string value) => Value = value;

    public string Value { get; }

    public bool IsRoot => Value.Length == 1;

    /// <summary>The last segment; empty for the root.</summary>
    public string Name => IsRoot ? string.Empty : Value[(Value.LastIndexOf('/') + 1)..];

    public RemotePath Parent
    {
        get
        {
            if (IsRoot)
            {
                return this;
            }

            var slash = Value.LastIndexOf('/');
            return slash == 0 ? Root : new RemotePath(Value[..slash]);
        }
    }

    /// <summary>Parses an absolute path as an application or the kernel gives it. Throws <see cref="InvalidRemotePathException"/>.</summary>
    public static RemotePath Parse(string path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '/')
        {
            throw new InvalidRemotePathException($"Path must be absolute: \"{Printable(path)}\".");
        }

        if (path == "/")
        {
            return Root;
        }

        var builder = new StringBuilder(path.Length);
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            ValidateName(segment);
            builder.Append('/').Append(segment);
        }

        return builder.Length == 0 ? Root : new RemotePath(builder.ToString());
    }

    public RemotePath Combine(string name)
    {
        ValidateName(name);
        return new RemotePath(IsRoot ? "/" + name : Value + "/" + name);
    }

    /// <summary>True when this path is <paramref name="ancestor"/> or lies below it.</summary>
    public bool IsWithin(RemotePath ancestor) =>
        ancestor.IsRoot || Value == ancestor.Value || Value.StartsWith(ancestor.Value + "/", StringComparison.Ordinal);

    /// <summary>Moves this path from below <paramref name="from"/> to below <paramref name="to"/> (after a directory rename).</summary>
    public RemotePath Rebase(RemotePath from, RemotePath to) =>
        Value == from.Value ? to : new RemotePath(to.IsRoot ? Value[from.Value.Length..] : to.Value + Value[from.Value.Length..]);

    /// <summary>Refuses names the FTP layer cannot carry or that would escape their directory.</summary>
    public static void ValidateName(string name)
    {
        if (name.Length == 0 || name is "." or "..")
        {
            throw new InvalidRemotePathException($"\"{name}\" is not a file name.");
        }

        if (name.AsSpan().IndexOfAny("/\r\n\0") >= 0)
        {
            throw new InvalidRemotePathException(
                $"The name \"{Printable(name)}\" contains a slash, CR, LF or NUL, which an FTP server cannot be sent.");
        }

        if (!IsValidUtf16(name))
        {
            throw new InvalidRemotePathException($"The name \"{Printable(name)}\" is not valid Unicode.");
        }

        var bytes = Encoding.UTF8.GetByteCount(name);
        if (bytes > MaxNameBytes)
        {
            throw new InvalidRemotePathException(
                $"The name \"{Printable(name)}\" is {bytes} bytes long; names may have at most {MaxNameBytes}.", Errors.FsError.NameTooLong);
        }
    }

    private static bool IsValidUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string Printable(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, 80));
        foreach (var c in text.Length > 80 ? text[..80] : text)
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }

        return builder.ToString();
    }

    public bool Equals(RemotePath? other) => other is not null && other.Value == Value;

    public override bool Equals(object? obj) => obj is RemotePath other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;
}
