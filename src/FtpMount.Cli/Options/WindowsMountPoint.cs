namespace FtpMount.Cli.Options;

/// <summary>The Windows spellings of a mount point that are not paths: a drive letter, "Z", "Z:" or "Z:\".</summary>
internal static class WindowsMountPoint
{
    public static bool IsDriveLetter(string mountPoint)
    {
        ArgumentNullException.ThrowIfNull(mountPoint);
        return mountPoint.Length is >= 1 and <= 3
            && char.IsAsciiLetter(mountPoint[0])
            && (mountPoint.Length == 1 || mountPoint[1] == ':')
            && (mountPoint.Length < 3 || mountPoint[2] is '\\' or '/');
    }

    /// <summary>"z", "z:" and "z:\" all become "Z:", the form Explorer and <c>net use</c> show.</summary>
    public static string NormalizeDriveLetter(string mountPoint) => $"{char.ToUpperInvariant(mountPoint[0])}:";
}
