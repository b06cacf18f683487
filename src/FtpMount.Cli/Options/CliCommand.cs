namespace FtpMount.Cli.Options;

/// <summary>What the command line asks for.</summary>
internal abstract record CliCommand;

internal sealed record HelpCommand : CliCommand;

internal sealed record VersionCommand : CliCommand;

/// <summary><c>ftpmount unmount MOUNTPOINT</c>; the path is absolute.</summary>
internal sealed record UnmountCommand(string MountPoint) : CliCommand;

internal sealed record MountCommand(MountRequest Request) : CliCommand;

/// <summary><c>ftpmount doctor SOURCE [-o …]</c>: probe a server and advise, without mounting.</summary>
internal sealed record DoctorCommand(MountRequest Request) : CliCommand;

/// <summary>
/// <c>ftpmount status [--json] [--watch] [MOUNTPOINT]</c>: report of one mount, or of all of this user's; as JSON
/// documents, and/or refreshed each second.
/// </summary>
internal sealed record StatusCommand(string? MountPoint, bool Json = false, bool Watch = false) : CliCommand;

/// <summary>
/// <c>ftpmount credential set TARGET [--user NAME]</c>: store the password read from stdin in the Windows Credential
/// Manager. TARGET is HOST or USER@HOST; <c>--user</c> names the login for a HOST entry.
/// </summary>
internal sealed record CredentialSetCommand(string Target, string? UserName) : CliCommand;

/// <summary><c>ftpmount service [--config-dir DIR]</c>: run every mount configured in DIR under the service host.</summary>
internal sealed record ServiceCommand(string? ConfigDirectory) : CliCommand;
