namespace FtpMount.Fuse;

/// <summary>The kinds of node a remote file system presents; FTP servers have no devices, FIFOs or sockets.</summary>
public enum FuseNodeKind
{
    RegularFile,
    Directory,
    SymbolicLink,
}
