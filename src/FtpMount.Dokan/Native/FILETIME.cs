using System.Runtime.InteropServices;

namespace FtpMount.Dokan.Native;

/// <summary>
/// <c>FILETIME</c> (minwindef.h): two DWORDs, 100 ns intervals since 1601-01-01 UTC. Alignment 4, so a FILETIME
/// inside a struct does not force 8-byte alignment. 8 bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FILETIME
{
    internal uint dwLowDateTime;
    internal uint dwHighDateTime;

    // DateTimeOffset.MaxValue as a FILETIME; -1 and -2 read as negative longs.
    private const long MaxTicks = 2650467743999999999;

    private static readonly DateTimeOffset FileTimeEpoch = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    internal readonly long Ticks => (long)(((ulong)dwHighDateTime << 32) | dwLowDateTime);

    internal static FILETIME From(DateTimeOffset time)
    {
        // A server may claim any date (MLSD "modify=00010101000000"); FILETIME starts in 1601 and ToFileTime throws
        // before it, which would fail the whole listing. Such a date becomes the epoch.
        var value = time < FileTimeEpoch ? 0 : (ulong)time.ToFileTime();
        return new FILETIME { dwLowDateTime = (uint)value, dwHighDateTime = (uint)(value >> 32) };
    }

    /// <summary>
    /// The time a SetFileTime caller asked for, or null for "leave unchanged": a null pointer, 0, and the
    /// special values -1 (stop updating this time for the handle) and -2 (resume) carry no new time.
    /// </summary>
    internal static unsafe DateTimeOffset? Requested(FILETIME* time)
    {
        if (time == null)
        {
            return null;
        }

        var ticks = time->Ticks;
        return ticks <= 0 || ticks > MaxTicks ? null : DateTimeOffset.FromFileTime(ticks).ToUniversalTime();
    }
}
