using FtpMount.Core.Paths;

namespace FtpMount.Core.Nodes;

/// <summary>
/// The temporary file a streaming upload left on the server when its connection broke, for the save at close to go
/// on from instead of sending the whole file again. The server holds at most the spool's first bytes that were
/// handed to the STOR, in order (TCP delivers a prefix); <see cref="Unchanged"/> is how many of those the spool
/// still has as they were sent: a later write below it, a truncate or an O_TRUNC lowers it.
/// </summary>
/// <param name="TemporaryPath">Our own temporary name (recorded in the ledger), so REST and APPE onto it touch nothing else.</param>
/// <param name="Folder">The folder it lies in, where the save must rename it over the file.</param>
/// <param name="Unchanged">How many first bytes of the temporary, at most, are the spool's bytes now.</param>
internal sealed record KeptUpload(string TemporaryPath, RemotePath Folder, long Unchanged);
