using FtpMount.Core.Nodes;
using FtpMount.Core.Paths;
using FtpMount.Core.Storage;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Listing;
using Microsoft.Extensions.Logging;

namespace FtpMount.Core.Cache;

/// <summary>
/// Replaces the coarse LIST times of a folder's files with exact ones (vsftpd has no MLSD; its LIST gives minutes,
/// or only the day for files older than six months, and <c>rsync -a</c> would see every file as changed once the
/// cache expired). Remembered times are used first (<see cref="ExactTimes"/>); the rest are asked with MDTM on one
/// pooled connection, in flights of many while the mount pipelines, else one after another (a walk's parallel
/// listings each take their own). An MDTM the server refuses, or one outside the listed minute or day (a server
/// in another time zone than its listing, or lying), leaves the listed time. Listings exact to the second (MLSD
/// <c>modify</c>) never get here.
/// </summary>
/// <param name="budget">Time for one folder's MDTMs, so its listing still arrives within the listing deadline; files
/// not asked by then keep their listed time and are asked with the next listing.</param>
internal sealed class ExactTimeFinder(IRemoteStore client, ServerPathMap map, ExactTimes known, TimeSpan budget, ILogger logger)
{
    /// <summary>After this many MDTMs outside their listed span and none inside, the server's MDTM is not asked again.</summary>
    private const int DisagreementsBeforeGivingUp = 8;

    /// <summary>
    /// The most a listing waits for MDTMs: without pipelining they go one round trip each, so a folder of 500 files
    /// over a 40 ms link would delay its listing by 20 s. What is not asked within this is asked with the next listing
    /// of the folder.
    /// </summary>
    public static readonly TimeSpan MostPerListing = TimeSpan.FromSeconds(3);

    private Task<bool>? _mdtmOffered;
    private volatile bool _givenUp;
    private int _agreements;
    private int _disagreements;
    private long _mdtmCount;

    /// <summary>Files put to MDTM so far (what listings cost; tests read it).</summary>
    public long MdtmCount => Interlocked.Read(ref _mdtmCount);

    /// <summary>The MDTM budget of one listing: <see cref="MostPerListing"/>, or less within a short listing deadline.</summary>
    public static TimeSpan BudgetFor(TimeSpan listingTimeout) => listingTimeout / 2 < MostPerListing ? listingTimeout / 2 : MostPerListing;

    /// <summary>Exact times by name for the listed files whose time is finer than listed; null when there are none.</summary>
    public async Task<Dictionary<string, DateTimeOffset>?> FindAsync(
        RemotePath directory, IReadOnlyList<FtpListEntry> entries, DateTimeOffset listedAt, CancellationToken cancellationToken)
    {
        Dictionary<string, DateTimeOffset>? found = null;
        List<FtpListEntry>? ask = null;
        foreach (var entry in entries)
        {
            // Directories: vsftpd's MDTM answers 550 for them. Links: MDTM would follow them.
            if (entry.Type != FtpEntryType.File || entry.Modified is null || TemporaryNames.IsHidden(entry.Name)
                || !map.Rules.CanCarry(entry.Name))
            {
                continue;
            }

            if (known.Count > 0 && known.TryGet(directory.Combine(entry.Name), entry, listedAt, out var exact))
            {
                (found ??= new(StringComparer.Ordinal))[entry.Name] = exact;
            }
            else if (entry.HasCoarseTime)
            {
                (ask ??= []).Add(entry);
            }
        }

        if (ask is null || _givenUp || !await MdtmOfferedAsync(cancellationToken).ConfigureAwait(false))
        {
            return found;
        }

        var asked = await TryMdtmAsync(directory, ask, cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < asked.Length; i++)
        {
            var entry = ask[i];
            if (asked[i] is not { } time)
            {
                continue;
            }

            if (!ExactTimes.Agrees(entry, time))
            {
                FsLog.MdtmDisagrees(logger, directory.Combine(entry.Name).Value, time, entry.Modified);
                GiveUpIfAlwaysWrong(Interlocked.Increment(ref _disagreements));
                continue;
            }

            Interlocked.Increment(ref _agreements);
            known.Remember(directory.Combine(entry.Name), entry.Size, time);
            (found ??= new(StringComparer.Ordinal))[entry.Name] = time;
        }

        return found;
    }

    private async Task<DateTimeOffset?[]> TryMdtmAsync(RemotePath directory, List<FtpListEntry> ask, CancellationToken cancellationToken)
    {
        var paths = new string[ask.Count];
        for (int i = 0; i < ask.Count; i++)
        {
            paths[i] = map.ToServer(directory.Combine(ask[i].Name));
        }

        try
        {
            Interlocked.Add(ref _mdtmCount, paths.Length);
            return await client.GetModifiedTimesAsync(paths, budget, cancellationToken).ConfigureAwait(false);
        }
        catch (FtpPermanentException e) when (e.Reply?.Code is 500 or 502 or 504)
        {
            _givenUp = true;
        }
        catch (FtpException)
        {
            // The connection failed twice or the server answered nonsense: the listed times stay this time.
        }

        return new DateTimeOffset?[paths.Length];
    }

    private Task<bool> MdtmOfferedAsync(CancellationToken cancellationToken) =>
        _mdtmOffered ??= AskFeaturesAsync(cancellationToken);

    private async Task<bool> AskFeaturesAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await client.GetFeaturesAsync(cancellationToken).ConfigureAwait(false)).Mdtm;
        }
        catch (FtpException)
        {
            _mdtmOffered = null;
            return false;
        }
    }

    private void GiveUpIfAlwaysWrong(int disagreements)
    {
        if (disagreements >= DisagreementsBeforeGivingUp && Volatile.Read(ref _agreements) == 0)
        {
            _givenUp = true;
        }
    }
}
