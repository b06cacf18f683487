namespace FtpMount.Fuse;

/// <summary><c>renameat2(2)</c> flags that reach the <c>rename</c> operation.</summary>
[Flags]
public enum FuseRenameOptions
{
    None = 0,

    /// <summary><c>RENAME_NOREPLACE</c>: fail with EEXIST instead of replacing the target.</summary>
    NoReplace = 1,

    /// <summary><c>RENAME_EXCHANGE</c>: swap the two names atomically (FTP cannot: answer EINVAL).</summary>
    Exchange = 2,
}
