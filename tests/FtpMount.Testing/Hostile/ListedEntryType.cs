namespace FtpMount.Testing.Hostile;

/// <summary>What a listed name is, as MLSD's <c>type</c> fact and LIST's first column say it.</summary>
public enum ListedEntryType
{
    File,
    Directory,
    Symlink,
}
