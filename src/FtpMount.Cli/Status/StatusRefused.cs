namespace FtpMount.Cli.Status;

/// <summary>A save the server refused for good, with its answer.</summary>
internal sealed record StatusRefused(string Path, string Reason);
