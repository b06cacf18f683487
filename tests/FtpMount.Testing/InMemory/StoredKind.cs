namespace FtpMount.Testing.InMemory;

internal enum StoredKind
{
    File,
    Directory,
    Symlink,
}
