namespace FtpMount.Ftp.Listing;

/// <summary>What became of one listing line.</summary>
internal enum ListingLineOutcome
{
    /// <summary>The line describes an entry.</summary>
    Entry,

    /// <summary>The line is dropped on purpose and silently: <c>total N</c>, cdir/pdir, <c>.</c>/<c>..</c> in LIST.</summary>
    Skipped,

    /// <summary>The line is refused; the reason is reported.</summary>
    Rejected,
}
