using FtpMount.Core.ReadCache;

namespace FtpMount.Core.Tests.ReadCache;

/// <summary>The on-disk range record: what is written reads back, and anything torn or altered is refused whole.</summary>
public sealed class RangeRecordTests
{
    private static readonly CacheIdentity Identity = new("/dir/big file.bin", 1_000_000, 638_000_000_000_000_000);

    [Fact(Timeout = 10_000)]
    public void A_record_reads_back_as_written()
    {
        var bytes = RangeRecord.Encode(Identity, [(0, 4096), (8192, 1_000_000)]);

        var decoded = RangeRecord.Decode(bytes);

        Assert.NotNull(decoded);
        Assert.Equal(Identity, decoded.Value.Identity);
        Assert.Equal([(0L, 4096L), (8192L, 1_000_000L)], decoded.Value.Ranges.Ranges.ToArray());
    }

    [Fact(Timeout = 10_000)]
    public void A_torn_record_is_refused_at_every_length()
    {
        var bytes = RangeRecord.Encode(Identity, [(0, 4096), (8192, 16384)]);

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Null(RangeRecord.Decode(bytes.AsSpan(0, length)));
        }
    }

    [Fact(Timeout = 10_000)]
    public void A_record_with_any_byte_changed_is_refused()
    {
        var bytes = RangeRecord.Encode(Identity, [(0, 4096)]);

        for (var i = 0; i < bytes.Length; i++)
        {
            var altered = (byte[])bytes.Clone();
            altered[i] ^= 0x20;
            Assert.Null(RangeRecord.Decode(altered));
        }
    }
}
