using FtpMount.Core.Errors;

namespace FtpMount.Core;

/// <summary>The mount's read-only option as one check: every change refuses with EROFS before anything is sent.</summary>
internal sealed class WritePermission(bool readOnly)
{
    public bool ReadOnly { get; } = readOnly;

    public void Ensure(bool writing)
    {
        if (writing && ReadOnly)
        {
            throw new RemoteFsException(FsError.ReadOnly, "The filesystem is mounted read-only.");
        }
    }
}
