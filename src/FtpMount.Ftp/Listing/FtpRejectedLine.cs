namespace FtpMount.Ftp.Listing;

/// <summary>A listing line that was refused.</summary>
/// <param name="Reason">Why, e.g. <c>unrecognised line</c>, <c>invalid UTF-8</c>, <c>duplicate name</c>.</param>
/// <param name="Excerpt">The start of the line, safe to log: control characters, invalid bytes and bidi controls are
/// escaped (<c>\r</c>, <c>\x1B</c>, <c>\u{202E}</c>), and it is cut at about 80 characters.</param>
public sealed record FtpRejectedLine(string Reason, string Excerpt);
