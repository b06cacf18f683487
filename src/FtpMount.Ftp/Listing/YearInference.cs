namespace FtpMount.Ftp.Listing;

/// <summary>
/// <c>ls -l</c> prints <c>Mon DD HH:MM</c> without a year for recent files. The year is the current one unless that
/// would put the date more than six days in the future, in which case it is last year. Six days follows lftp: it
/// tolerates clock skew and zone differences between client and server without misdating last December's files.
/// </summary>
internal static class YearInference
{
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromDays(6);

    public static bool TryResolve(int month, int day, int hour, int minute, DateTimeOffset now, out DateTimeOffset value)
    {
        var utcNow = now.ToUniversalTime();
        int year = utcNow.Year;
        if (UtcTimestamp.TryCreate(year, month, day, hour, minute, 0, out value) && value - utcNow <= FutureTolerance)
        {
            return true;
        }

        // Also reached for Feb 29 when this year has none; it then only succeeds if last year was a leap year.
        return UtcTimestamp.TryCreate(year - 1, month, day, hour, minute, 0, out value);
    }
}
