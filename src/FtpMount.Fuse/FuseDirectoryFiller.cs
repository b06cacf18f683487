using FtpMount.Fuse.Native;

namespace FtpMount.Fuse;

/// <summary>
/// Adds entries to the listing being built for one <see cref="IFuseFileSystem.ReadDir"/> call. Valid only during
/// that call. Entries given with attributes also carry the file type (<c>d_type</c>) and, when the kernel asked for
/// READDIRPLUS, the full attributes, which saves one getattr per entry.
/// </summary>
public readonly ref struct FuseDirectoryFiller
{
    private readonly nint _buffer;
    private readonly nint _filler;

    internal FuseDirectoryFiller(nint buffer, nint filler, bool wantsAttributes)
    {
        _buffer = buffer;
        _filler = filler;
        WantsAttributes = wantsAttributes;
    }

    /// <summary>True when the kernel asked for READDIRPLUS: attributes given to <see cref="Add(string, in FuseAttributes)"/> are used in full.</summary>
    public bool WantsAttributes { get; }

    /// <summary>Adds a name with unknown type and attributes.</summary>
    /// <returns>False when the listing buffer is full; stop adding and return 0.</returns>
    public bool Add(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        FuseAttributes none = default;
        return FuseFillDir.Fill(_buffer, _filler, name, none, hasAttributes: false, plus: false);
    }

    /// <summary>
    /// Adds a name with its file type only: even under READDIRPLUS the kernel caches no attributes for it and asks
    /// getattr when it needs them (for attributes not yet known, such as a size the listing left out).
    /// </summary>
    /// <returns>False when the listing buffer is full; stop adding and return 0.</returns>
    public bool AddTypeOnly(string name, in FuseAttributes attributes)
    {
        ArgumentNullException.ThrowIfNull(name);
        return FuseFillDir.Fill(_buffer, _filler, name, attributes, hasAttributes: true, plus: false);
    }

    /// <summary>Adds a name with its attributes.</summary>
    /// <returns>False when the listing buffer is full; stop adding and return 0.</returns>
    public bool Add(string name, in FuseAttributes attributes)
    {
        ArgumentNullException.ThrowIfNull(name);
        return FuseFillDir.Fill(_buffer, _filler, name, attributes, hasAttributes: true, WantsAttributes);
    }
}
