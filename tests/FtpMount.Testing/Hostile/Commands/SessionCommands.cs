using System.Globalization;
using System.Text;
using FtpMount.Testing.Hostile.Files;

namespace FtpMount.Testing.Hostile.Commands;

/// <summary>Login, features, session settings, data connection setup and the working folder.</summary>
internal static class SessionCommands
{
    public static ValueTask UserAsync(FtpCommandContext c)
    {
        c.SessionState.UserName = c.Argument;
        c.SessionState.LoggedIn = false;
        return c.ReplyAsync("331 Please specify the password.");
    }

    public static ValueTask PassAsync(FtpCommandContext c)
    {
        var session = c.SessionState;
        // The log and hooks see PASS masked; only the normal handling reads the password.
        session.LoggedIn = session.UserName == c.Server.UserName && c.RawArgument == c.Server.Password;
        return c.ReplyAsync(session.LoggedIn ? "230 Login successful." : "530 Login incorrect.");
    }

    public static ValueTask QuitAsync(FtpCommandContext c)
    {
        c.CloseConnection();
        return c.ReplyAsync("221 Goodbye.");
    }

    public static ValueTask FeatAsync(FtpCommandContext c)
    {
        var reply = new StringBuilder("211-Features:\r\n");
        foreach (var feature in c.Server.Features)
        {
            reply.Append(' ').Append(feature).Append("\r\n");
        }

        return c.ReplyAsync(reply.Append("211 End\r\n").ToString());
    }

    public static ValueTask OptsAsync(FtpCommandContext c)
    {
        var option = c.Argument.Split(' ', 2)[0].ToUpperInvariant();
        var offered = c.Server.Features.Any(f => f.Split(' ', 2)[0].Equals(option, StringComparison.OrdinalIgnoreCase));
        return c.ReplyAsync(offered ? $"200 {option} OPTS ok." : "501 Option not understood.");
    }

    public static ValueTask TypeAsync(FtpCommandContext c) =>
        c.ReplyAsync(c.Argument.ToUpperInvariant() switch
        {
            "I" or "L 8" => "200 Switching to Binary mode.",
            "A" or "A N" => "200 Switching to ASCII mode.",
            _ => "504 Bad TYPE command.",
        });

    public static ValueTask RestAsync(FtpCommandContext c)
    {
        if (!long.TryParse(c.Argument, NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return c.ReplyAsync("501 REST needs a number.");
        }

        c.SessionState.RestartOffset = offset;
        return c.ReplyAsync(string.Create(CultureInfo.InvariantCulture, $"350 Restart position accepted ({offset})."));
    }

    public static ValueTask EpsvAsync(FtpCommandContext c)
    {
        if (c.Argument.Equals("ALL", StringComparison.OrdinalIgnoreCase))
        {
            return c.ReplyAsync("200 EPSV ALL ok.");
        }

        var port = c.SessionState.OpenPassive().Port;
        return c.ReplyAsync(string.Create(CultureInfo.InvariantCulture, $"229 Entering Extended Passive Mode (|||{port}|)"));
    }

    public static ValueTask PasvAsync(FtpCommandContext c)
    {
        var port = c.SessionState.OpenPassive().Port;
        return c.ReplyAsync(string.Create(CultureInfo.InvariantCulture, $"227 Entering Passive Mode (127,0,0,1,{port / 256},{port % 256})."));
    }

    public static ValueTask PwdAsync(FtpCommandContext c) =>
        c.ReplyAsync($"257 \"{c.SessionState.WorkingDirectory.Replace("\"", "\"\"", StringComparison.Ordinal)}\" is the current directory");

    /// <summary>CWD and CDUP: the path is already resolved from the working folder.</summary>
    public static ValueTask CwdAsync(FtpCommandContext c)
    {
        if (c.Path is { } path && c.Server.Files.Follow(path) is { } local && Directory.Exists(local))
        {
            c.SessionState.WorkingDirectory = path;
            return c.ReplyAsync("250 Directory successfully changed.");
        }

        return c.ReplyAsync("550 Failed to change directory.");
    }
}
