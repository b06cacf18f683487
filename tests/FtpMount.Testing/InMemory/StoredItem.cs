namespace FtpMount.Testing.InMemory;

/// <summary>A file, folder or symlink held by an <see cref="InMemoryRemoteStore"/>; guarded by the store's lock.</summary>
internal sealed class StoredItem
{
    public required StoredKind Kind { get; init; }

    /// <summary>A file's bytes, grown by an upload while it runs (a real server's file does too).</summary>
    public MemoryStream Content { get; } = new();

    public DateTimeOffset Modified { get; set; }

    /// <summary>Permission bits; null where the server shows none.</summary>
    public int? Mode { get; set; }

    public string? LinkTarget { get; init; }
}
