namespace FtpMount.Ftp.Tests.Servers;

/// <summary>One complete FTP reply as read by <see cref="RawFtpSession"/>.</summary>
internal readonly record struct RawReply(int Code, string Text)
{
    /// <summary>The first line without its CRLF, e.g. "213 10".</summary>
    public string FirstLine => Text.Split("\r\n")[0];
}
