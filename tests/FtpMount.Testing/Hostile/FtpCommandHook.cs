namespace FtpMount.Testing.Hostile;

/// <summary>Handles one command: the server's normal handling, or the next hook in the chain.</summary>
public delegate ValueTask FtpCommandHandler(FtpCommandContext command);

/// <summary>
/// Intercepts a command before the server's normal handling. Call <paramref name="next"/> to let the command run
/// (after changing <see cref="FtpCommandContext.Transfer"/> or <see cref="FtpCommandContext.Listing"/>, or to add a
/// reply after it), or reply yourself and skip it. Hooks registered later run first.
/// </summary>
public delegate ValueTask FtpCommandHook(FtpCommandContext command, FtpCommandHandler next);
