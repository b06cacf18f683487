namespace FtpMount.Core.Entries;

public enum EntryKind
{
    File,
    Directory,
    Symlink,
    Other,
}
