using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace FtpMount.Core.ReadCache;

/// <summary>
/// The on-disk record of one cached file: its identity and the ranges of its data file that hold valid bytes,
/// sealed with a SHA-256 of everything before it. It is written (to a temporary name, fsync'd, renamed) only after
/// the data it lists was fsync'd, so a crash leaves at worst bytes on disk that no record lists, never a listed
/// range without its bytes. A record that is torn, truncated or altered fails its hash and the file's cache is
/// dropped; it is never partly believed.
/// </summary>
internal static class RangeRecord
{
    private static ReadOnlySpan<byte> Magic => "FTPMOUNT-READCACHE-1\n"u8;

    /// <summary>A path longer than this is not a path we wrote: the record is refused before allocating for it.</summary>
    private const int MaxPathBytes = 64 * 1024;

    /// <summary>The record's bytes.</summary>
    public static byte[] Encode(CacheIdentity identity, IReadOnlyCollection<(long Start, long End)> ranges)
    {
        var path = Encoding.UTF8.GetBytes(identity.ServerPath);
        var length = Magic.Length + 4 + path.Length + 8 + 8 + 4 + (ranges.Count * 16) + SHA256.HashSizeInBytes;
        var bytes = new byte[length];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        var at = Magic.Length;
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], path.Length);
        at += 4;
        path.CopyTo(span[at..]);
        at += path.Length;
        BinaryPrimitives.WriteInt64LittleEndian(span[at..], identity.Size);
        BinaryPrimitives.WriteInt64LittleEndian(span[(at + 8)..], identity.ModifiedTicks);
        BinaryPrimitives.WriteInt32LittleEndian(span[(at + 16)..], ranges.Count);
        at += 20;
        foreach (var (start, end) in ranges)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span[at..], start);
            BinaryPrimitives.WriteInt64LittleEndian(span[(at + 8)..], end);
            at += 16;
        }

        SHA256.HashData(span[..at], span[at..]);
        return bytes;
    }

    /// <summary>The identity and ranges in <paramref name="bytes"/>; null when they are not a whole, intact record.</summary>
    public static (CacheIdentity Identity, CachedRanges Ranges)? Decode(ReadOnlySpan<byte> bytes)
    {
        const int Fixed = 4 + 8 + 8 + 4;
        if (bytes.Length < Magic.Length + Fixed + SHA256.HashSizeInBytes || !bytes.StartsWith(Magic))
        {
            return null;
        }

        var body = bytes[..^SHA256.HashSizeInBytes];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        if (!CryptographicOperations.FixedTimeEquals(hash, bytes[^SHA256.HashSizeInBytes..]))
        {
            return null;
        }

        var at = Magic.Length;
        var pathLength = BinaryPrimitives.ReadInt32LittleEndian(body[at..]);
        at += 4;
        if (pathLength is < 0 or > MaxPathBytes || body.Length < at + pathLength + Fixed - 4)
        {
            return null;
        }

        var path = Encoding.UTF8.GetString(body.Slice(at, pathLength));
        at += pathLength;
        var size = BinaryPrimitives.ReadInt64LittleEndian(body[at..]);
        var ticks = BinaryPrimitives.ReadInt64LittleEndian(body[(at + 8)..]);
        var count = BinaryPrimitives.ReadInt32LittleEndian(body[(at + 16)..]);
        at += 20;
        if (size < 0 || count < 0 || body.Length - at != (long)count * 16)
        {
            return null;
        }

        var ranges = new CachedRanges();
        var previousEnd = -1L;
        for (var i = 0; i < count; i++, at += 16)
        {
            var start = BinaryPrimitives.ReadInt64LittleEndian(body[at..]);
            var end = BinaryPrimitives.ReadInt64LittleEndian(body[(at + 8)..]);
            // Ranges we write are sorted, disjoint and inside the file: anything else is not our record.
            if (start <= previousEnd || end <= start || end > size)
            {
                return null;
            }

            ranges.Add(start, end);
            previousEnd = end;
        }

        return (new CacheIdentity(path, size, ticks), ranges);
    }
}
