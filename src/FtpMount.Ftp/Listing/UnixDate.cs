namespace FtpMount.Ftp.Listing;

/// <summary>The date columns of an <c>ls -l</c> line: a year, or a time with the year left to be inferred.</summary>
internal readonly record struct UnixDate(int Month, int Day, int? Year, int Hour, int Minute)
{
    /// <summary>A year column means "older than six months" and carries only the day; a time column carries minutes.</summary>
    public TimeSpan Precision => Year is null ? TimeSpan.FromMinutes(1) : TimeSpan.FromDays(1);

    public bool TryResolve(DateTimeOffset now, out DateTimeOffset value) => Year is int year
        ? UtcTimestamp.TryCreate(year, Month, Day, 0, 0, 0, out value)
        : YearInference.TryResolve(Month, Day, Hour, Minute, now, out value);
}
