namespace FtpMount.Ftp.Listing;

/// <summary>The reasons a listing line is refused; one place so tests and logs agree on the wording.</summary>
public static class RejectReasons
{
    public const string UnrecognisedLine = "unrecognised line";
    public const string InvalidUtf8 = "invalid UTF-8";

    /// <summary>Not valid in the code page given with -o encoding, or not the same bytes when written back.</summary>
    public const string InvalidInEncoding = "invalid in the server's encoding";
    public const string DuplicateName = "duplicate name";
    public const string LineTooLong = "line too long";
    public const string EmptyName = "empty name";
    public const string DotName = "name is . or ..";
    public const string NameContainsSlash = "name contains '/'";
    public const string NameContainsNul = "name contains NUL";
    public const string NameContainsCr = "name contains CR";
    public const string NameContainsLf = "name contains LF";
    public const string NameTooLong = "name longer than 255 bytes";
    public const string InvalidSymlinkTarget = "invalid symlink target";
    public const string MissingType = "missing type";
    public const string UnknownType = "unknown type";
    public const string InvalidSize = "invalid size";
    public const string InvalidModify = "invalid modify";
    public const string InvalidUnixMode = "invalid UNIX.mode";
    public const string InvalidDate = "invalid date";
}
