namespace FtpMount.Ftp.Listing;

/// <summary>The shape of a listing payload.</summary>
public enum FtpListingFormat
{
    /// <summary>RFC 3659 MLSD: machine-readable facts, then the name.</summary>
    Mlsd,

    /// <summary>LIST output in the style of <c>ls -l</c>.</summary>
    Unix,

    /// <summary>LIST output of IIS and other Windows servers (<c>MM-DD-YY  HH:MMAM  &lt;DIR&gt;  name</c>).</summary>
    Dos,

    /// <summary>LIST output whose style is decided per line: DOS when the line starts with a DOS date, else Unix.</summary>
    Auto,
}
