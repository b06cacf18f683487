using BenchmarkDotNet.Attributes;
using FtpMount.Ftp.Listing;

namespace FtpMount.Bench.Micro;

/// <summary>FtpListingParser over a whole 10,000-line listing, as one MLSD or LIST data connection delivers it.</summary>
[MemoryDiagnoser]
public class ListingParserBenchmarks
{
    private byte[] _mlsd = [];
    private byte[] _unix = [];
    private FtpListingParser _mlsdParser = null!;
    private FtpListingParser _unixParser = null!;
    private FtpListingParser _autoParser = null!;

    [Params(10_000)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _mlsd = ListingPayloads.Mlsd(Lines);
        _unix = ListingPayloads.UnixList(Lines);
        _mlsdParser = new FtpListingParser(FtpListingFormat.Mlsd);
        _unixParser = new FtpListingParser(FtpListingFormat.Unix);
        _autoParser = new FtpListingParser(FtpListingFormat.Auto);
        Check(_mlsdParser.Parse(_mlsd));
        Check(_unixParser.Parse(_unix));
    }

    [Benchmark]
    public int Mlsd() => _mlsdParser.Parse(_mlsd).Entries.Count;

    [Benchmark]
    public int UnixList() => _unixParser.Parse(_unix).Entries.Count;

    /// <summary>LIST with the style decided per line, as for a server whose style is not known yet.</summary>
    [Benchmark]
    public int UnixListAuto() => _autoParser.Parse(_unix).Entries.Count;

    private void Check(FtpListing listing)
    {
        if (listing.Entries.Count != Lines || listing.Rejected.Count != 0)
        {
            throw new InvalidOperationException(
                $"The payload parsed into {listing.Entries.Count} entries and {listing.Rejected.Count} refused lines, not {Lines} entries: "
                + (listing.Rejected.Count > 0 ? listing.Rejected[0].Reason + " " + listing.Rejected[0].Excerpt : string.Empty));
        }
    }
}
