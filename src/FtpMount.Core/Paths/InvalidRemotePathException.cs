using FtpMount.Core.Errors;

namespace FtpMount.Core.Paths;

/// <summary>A path or name that cannot exist on the remote side; reported as EINVAL, never rewritten.</summary>
public sealed class InvalidRemotePathException(string message) : RemoteFsException(FsError.InvalidName, message);
