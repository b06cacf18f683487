using System.Collections.Frozen;

namespace FtpMount.Testing.Hostile.Commands;

/// <summary>The server's normal handling of each command, run after the hooks; login is checked here.</summary>
internal static class BuiltInCommands
{
    private static readonly FrozenDictionary<string, FtpCommandHandler> Handlers = new Dictionary<string, FtpCommandHandler>
    {
        ["USER"] = SessionCommands.UserAsync,
        ["PASS"] = SessionCommands.PassAsync,
        ["QUIT"] = SessionCommands.QuitAsync,
        ["NOOP"] = c => c.ReplyAsync("200 NOOP ok."),
        ["SYST"] = c => c.ReplyAsync("215 UNIX Type: L8"),
        ["FEAT"] = SessionCommands.FeatAsync,
        ["OPTS"] = SessionCommands.OptsAsync,
        ["HELP"] = c => c.ReplyAsync("214 Help OK."),
        ["TYPE"] = SessionCommands.TypeAsync,
        ["MODE"] = c => c.ReplyAsync(c.Argument.Equals("S", StringComparison.OrdinalIgnoreCase) ? "200 Mode set to S." : "504 Bad MODE command."),
        ["STRU"] = c => c.ReplyAsync(c.Argument.Equals("F", StringComparison.OrdinalIgnoreCase) ? "200 Structure set to F." : "504 Bad STRU command."),
        ["ALLO"] = c => c.ReplyAsync("202 ALLO command ignored."),
        ["ABOR"] = c => c.ReplyAsync("225 No transfer to ABOR."),
        ["REST"] = SessionCommands.RestAsync,
        ["EPSV"] = SessionCommands.EpsvAsync,
        ["PASV"] = SessionCommands.PasvAsync,
        ["PWD"] = SessionCommands.PwdAsync,
        ["XPWD"] = SessionCommands.PwdAsync,
        ["CWD"] = SessionCommands.CwdAsync,
        ["XCWD"] = SessionCommands.CwdAsync,
        ["CDUP"] = SessionCommands.CwdAsync,
        ["XCUP"] = SessionCommands.CwdAsync,
        ["SIZE"] = FileCommands.SizeAsync,
        ["MDTM"] = FileCommands.MdtmAsync,
        ["MFMT"] = FileCommands.MfmtAsync,
        ["DELE"] = FileCommands.DeleAsync,
        ["RNFR"] = FileCommands.RnfrAsync,
        ["RNTO"] = FileCommands.RntoAsync,
        ["MKD"] = FileCommands.MkdAsync,
        ["XMKD"] = FileCommands.MkdAsync,
        ["RMD"] = FileCommands.RmdAsync,
        ["XRMD"] = FileCommands.RmdAsync,
        ["SITE"] = FileCommands.SiteAsync,
        ["RETR"] = TransferCommands.RetrAsync,
        ["STOR"] = TransferCommands.StorAsync,
        ["APPE"] = TransferCommands.StorAsync,
        ["MLSD"] = ListingCommands.MlsdAsync,
        ["LIST"] = ListingCommands.ListAsync,
        ["NLST"] = ListingCommands.ListAsync,
        ["MLST"] = ListingCommands.MlstAsync,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> AllowedBeforeLogin =
        new[] { "USER", "PASS", "QUIT", "NOOP", "SYST", "FEAT", "OPTS", "HELP" }.ToFrozenSet(StringComparer.Ordinal);

    public static ValueTask HandleAsync(FtpCommandContext command)
    {
        if (!Handlers.TryGetValue(command.Verb, out var handler))
        {
            return command.ReplyAsync("502 Command not implemented.");
        }

        if (!command.SessionState.LoggedIn && !AllowedBeforeLogin.Contains(command.Verb))
        {
            return command.ReplyAsync("530 Please login with USER and PASS.");
        }

        if (command.Argument.Contains('\0', StringComparison.Ordinal))
        {
            return command.ReplyAsync("501 NUL in argument.");
        }

        if (command.Verb != "RNTO")
        {
            // RFC 959 §4.1.3: RNTO must come right after RNFR.
            command.SessionState.RenameFrom = command.Verb == "RNFR" ? command.SessionState.RenameFrom : null;
        }

        return handler(command);
    }
}
