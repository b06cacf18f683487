namespace FtpMount.Ftp.Listing;

/// <summary>
/// The last step shared by every line parser: check the name, decode name and target strictly, build the entry.
/// These are the only strings a successfully parsed line allocates.
/// </summary>
internal static class EntryFactory
{
    /// <param name="name">The raw name bytes, exactly as cut from the line.</param>
    /// <param name="skipDotEntries">LIST shows <c>.</c> and <c>..</c> for <c>LIST -a</c>: skip them like MLSD cdir/pdir.
    /// In MLSD those names come only with cdir/pdir, so a plain entry called <c>..</c> is hostile and rejected.</param>
    /// <param name="modifiedPrecision">How coarse <paramref name="modified"/> is (zero: exact to the second).</param>
    /// <param name="target">The raw symlink target, or <see langword="null"/> when the line shows none.</param>
    /// <param name="names">The server's name encoding (-o encoding); UTF-8 when null.</param>
    public static ListingLineResult Create(
        ReadOnlySpan<byte> name,
        bool skipDotEntries,
        FtpEntryType type,
        long? size,
        DateTimeOffset? modified,
        int? unixMode,
        ReadOnlySpan<byte> target,
        bool hasTarget,
        TimeSpan modifiedPrecision = default,
        FtpNameEncoding? names = null)
    {
        switch (EntryNameValidator.Check(name, out string? reason))
        {
            case EntryNameVerdict.DotEntry when skipDotEntries:
                return ListingLineResult.Skipped;
            case EntryNameVerdict.DotEntry or EntryNameVerdict.Invalid:
                return ListingLineResult.Reject(reason ?? RejectReasons.UnrecognisedLine);
        }

        if (hasTarget && !EntryNameValidator.IsAcceptableSymlinkTarget(target))
        {
            return ListingLineResult.Reject(RejectReasons.InvalidSymlinkTarget);
        }

        names ??= FtpNameEncoding.Utf8;
        if (!names.TryDecode(name, out string? decodedName))
        {
            return ListingLineResult.Reject(names.IsUtf8 ? RejectReasons.InvalidUtf8 : RejectReasons.InvalidInEncoding);
        }

        string? decodedTarget = null;
        if (hasTarget && !names.TryDecode(target, out decodedTarget))
        {
            return ListingLineResult.Reject(names.IsUtf8 ? RejectReasons.InvalidUtf8 : RejectReasons.InvalidInEncoding);
        }

        return ListingLineResult.Accept(new FtpListEntry(decodedName, type, size, modified, unixMode, decodedTarget)
        {
            ModifiedPrecision = modifiedPrecision,
        });
    }
}
