namespace FtpMount.Ftp.Protocol;

/// <summary>
/// One complete server reply (RFC 959 §4.2): a three-digit code and its text lines. For a multi-line reply the
/// first and last lines are stored without their "ddd-"/"ddd " prefix; lines in between are kept verbatim.
/// </summary>
public sealed class FtpReply
{
    public FtpReply(int code, IReadOnlyList<string> lines)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(code, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code, 599);
        Code = code;
        Lines = lines;
    }

    public int Code { get; }

    public IReadOnlyList<string> Lines { get; }

    /// <summary>The text of the first line, which is what single-line replies carry.</summary>
    public string Message => Lines.Count > 0 ? Lines[0] : string.Empty;

    public bool IsPreliminary => Code is >= 100 and < 200;

    public bool IsSuccess => Code is >= 200 and < 300;

    public bool IsIntermediate => Code is >= 300 and < 400;

    public bool IsTransientFailure => Code is >= 400 and < 500;

    public bool IsPermanentFailure => Code >= 500;

    /// <summary>All text of the reply in one string, for messages and pattern checks.</summary>
    public string AllText => Lines.Count == 1 ? Lines[0] : string.Join('\n', Lines);

    public override string ToString() => $"{Code} {Message}";
}
