using FtpMount.Fuse.Native;

namespace FtpMount.Fuse;

/// <summary>
/// Adds entries to the listing being built for one <see cref="IFuseFileSystem.ReadDir"/> call. Valid only during
/// that call. Entries given with attributes also carry the file type (<c>d_type</c>); the kernel asks for the rest
/// with getattr (see <see cref="FuseFillDir"/> for why attributes are not handed over with READDIRPLUS).
/// </summary>
public readonly ref struct FuseDirectoryFiller
{
    private readonly nint _buffer;
    private readonly nint _filler;

    internal FuseDirectoryFiller(nint buffer, nint filler)
    {
        _buffer = buffer;
        _filler = filler;
    }

    /// <summary>Adds a name with unknown type and attributes.</summary>
    /// <returns>False when the listing buffer is full; stop adding and return 0.</returns>
    public bool Add(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        FuseAttributes none = default;
        return FuseFillDir.Fill(_buffer, _filler, name, none, hasAttributes: false);
    }

    /// <summary>Adds a name with its attributes.</summary>
    /// <returns>False when the listing buffer is full; stop adding and return 0.</returns>
    public bool Add(string name, in FuseAttributes attributes)
    {
        ArgumentNullException.ThrowIfNull(name);
        return FuseFillDir.Fill(_buffer, _filler, name, attributes, hasAttributes: true);
    }
}
