using FtpMount.Core.Paths;

namespace FtpMount.Core.Nodes;

/// <summary>
/// The temporary file a streaming upload left on the server when its connection broke, for the save at close to go
/// on from instead of sending the whole file again. The server holds at most the spool's first
/// <see cref="Streamed"/> bytes, the ones handed to the STOR, in order (TCP delivers a prefix).
/// </summary>
/// <remarks>
/// Going on from it is only right while those bytes are still the spool's: a later write or truncate below
/// <see cref="Streamed"/>, or an O_TRUNC, makes it <see cref="Changed"/>, and the save then starts from zero under a
/// new name (a late write of the broken session would land in the old file, never in the new one).
/// </remarks>
/// <param name="TemporaryPath">Our own temporary name (recorded in the ledger), so REST and APPE onto it touch nothing else.</param>
/// <param name="Folder">The folder it lies in, where the save must rename it over the file.</param>
/// <param name="Streamed">How many of the spool's first bytes were handed to the STOR.</param>
internal sealed record KeptUpload(string TemporaryPath, RemotePath Folder, long Streamed)
{
    /// <summary>The spool changed below <see cref="Streamed"/> since: what the server kept is no longer its content.</summary>
    public bool Changed { get; init; }
}
