namespace FtpMount.Cli.Status;

/// <summary>
/// What a running mount reports about itself: the one document that <c>ftpmount status</c>, <c>--json</c> and
/// <c>--watch</c> all render, so scripts and the live view show the same facts. The mount sends it as one line of
/// JSON (camelCase names) over its status socket.
/// </summary>
/// <remarks>
/// <see cref="Version"/> changes only when a field changes meaning or goes away; new fields may appear in the same
/// version, so readers ignore names they do not know.
/// </remarks>
internal sealed record StatusDocument
{
    public const int CurrentVersion = 1;

    public required int Version { get; init; }

    /// <summary>When the mount made the report (its clock: next-attempt times are relative to it).</summary>
    public required DateTimeOffset Time { get; init; }

    public required string MountPoint { get; init; }

    /// <summary>The source as mount tables show it (never with a password).</summary>
    public required string Source { get; init; }

    public required int Pid { get; init; }

    public required bool WriteBack { get; init; }

    public required StatusConnections Connections { get; init; }

    public required StatusCache Cache { get; init; }

    public required StatusUploads Uploads { get; init; }

    /// <summary>Null where the adapter counts no reads (the Dokan mount).</summary>
    public StatusReads? Reads { get; init; }

    /// <summary>Saves the server refused for good while this mount runs; kept journaled for the next mount.</summary>
    public IReadOnlyList<StatusRefused> Refused { get; init; } = [];

    /// <summary>Conflict copies this mount uploaded beside files that had changed on the server.</summary>
    public IReadOnlyList<string> Conflicts { get; init; } = [];

    public IReadOnlyList<StatusTransfer> Transfers { get; init; } = [];
}
