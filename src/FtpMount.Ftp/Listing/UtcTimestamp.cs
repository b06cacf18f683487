namespace FtpMount.Ftp.Listing;

/// <summary>Builds UTC times from listing fields without throwing on out-of-range values.</summary>
internal static class UtcTimestamp
{
    public static bool TryCreate(int year, int month, int day, int hour, int minute, int second, out DateTimeOffset value)
    {
        value = default;
        if (year is < 1 or > 9999 || month is < 1 or > 12 || hour is < 0 or > 23 || minute is < 0 or > 59
            || second is < 0 or > 60 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        // RFC 3659 time-val allows a leap second (60); DateTime does not, so it becomes the next second.
        bool leap = second == 60;
        var time = new DateTime(year, month, day, hour, minute, leap ? 59 : second, DateTimeKind.Utc);
        if (leap)
        {
            if (time.Ticks > DateTime.MaxValue.Ticks - TimeSpan.TicksPerSecond)
            {
                return false;
            }

            time = time.AddSeconds(1);
        }

        value = new DateTimeOffset(time);
        return true;
    }
}
