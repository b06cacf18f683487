namespace FtpMount.Cli.Config;

/// <summary>The value of one <c>key = value</c> line of a mount config file and its line number, for error messages.</summary>
internal readonly record struct ConfigValue(string Value, int Line);
