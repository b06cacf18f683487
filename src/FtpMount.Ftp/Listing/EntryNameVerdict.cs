namespace FtpMount.Ftp.Listing;

/// <summary>The outcome of <see cref="EntryNameValidator"/>.</summary>
internal enum EntryNameVerdict
{
    /// <summary>The name can be shown in a mounted directory.</summary>
    Valid,

    /// <summary>The name is <c>.</c> or <c>..</c>: LIST parsers skip it, MLSD rejects it.</summary>
    DotEntry,

    /// <summary>The name could escape the directory or break the control connection.</summary>
    Invalid,
}
