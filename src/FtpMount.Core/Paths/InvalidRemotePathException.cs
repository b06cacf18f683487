using FtpMount.Core.Errors;

namespace FtpMount.Core.Paths;

/// <summary>
/// A path or name that cannot exist on the remote side, never rewritten: EINVAL, or ENAMETOOLONG
/// (<see cref="FsError.NameTooLong"/>) for a name or path that is too long.
/// </summary>
public sealed class InvalidRemotePathException(string message, FsError error = FsError.InvalidName) : RemoteFsException(error, message);
