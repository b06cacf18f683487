namespace FtpMount.Cli.Options;

/// <summary>
/// The command line is wrong: a bad argument, option or value. The message names the option and the bad value and
/// never contains a password.
/// </summary>
internal sealed class CommandLineException(string message) : Exception(message);
