namespace FtpMount.Core;

/// <summary>What a create does with a file of the same name that is open here already.</summary>
public enum CreateOverOpen
{
    /// <summary>Empties it (O_CREAT|O_TRUNC; Windows CREATE_ALWAYS).</summary>
    Truncate,

    /// <summary>Opens it as it is (O_CREAT alone; Windows OPEN_ALWAYS).</summary>
    Keep,

    /// <summary>Fails with "already exists" (O_CREAT|O_EXCL; Windows CREATE_NEW).</summary>
    Refuse,
}
