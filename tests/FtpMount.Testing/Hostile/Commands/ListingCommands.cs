using System.Text;
using FtpMount.Testing.Hostile.Files;
using FtpMount.Testing.Hostile.Session;

namespace FtpMount.Testing.Hostile.Commands;

/// <summary>MLSD, LIST, NLST (over the data connection, streamed as the entries are enumerated) and MLST.</summary>
internal static class ListingCommands
{
    private const int FlushBytes = 64 * 1024;

    public static async ValueTask MlsdAsync(FtpCommandContext c)
    {
        if (Folder(c) is not { } folder)
        {
            await c.ReplyAsync("550 Not a directory.").ConfigureAwait(false);
            return;
        }

        await SendAsync(c, Entries(c, folder), ListingFormat.MlsdLine).ConfigureAwait(false);
    }

    /// <summary>LIST and NLST; a file's path lists that one file, as vsftpd and proftpd do.</summary>
    public static async ValueTask ListAsync(FtpCommandContext c)
    {
        Func<ListedEntry, string> format = c.Verb == "NLST"
            ? ListingFormat.NameLine
            : entry => ListingFormat.ListLine(entry, DateTimeOffset.UtcNow);
        if (Folder(c) is { } folder)
        {
            await SendAsync(c, Entries(c, folder), format).ConfigureAwait(false);
        }
        else if (c.Path is { } path && c.Server.Files.Itself(path) is { } local && LocalEntries.Describe(local, ServerPaths.Name(path)) is { } entry)
        {
            await SendAsync(c, Mapped(c, [entry]), format).ConfigureAwait(false);
        }
        else
        {
            await c.ReplyAsync("550 No such file or directory.").ConfigureAwait(false);
        }
    }

    /// <summary>RFC 3659 §7: the facts of one path on the control connection.</summary>
    public static async ValueTask MlstAsync(FtpCommandContext c)
    {
        var path = c.Path ?? ServerPaths.Root;
        var local = c.Server.Files.Itself(path);
        var described = local is null ? null : LocalEntries.Describe(local, path == ServerPaths.Root ? "/" : ServerPaths.Name(path));
        if (described is null || c.Listing.Apply(described) is not { } entry)
        {
            await c.ReplyAsync("550 No such file or directory.").ConfigureAwait(false);
            return;
        }

        await c.ReplyAsync($"250-Listing {path}\r\n {ListingFormat.Facts(entry)}; {path}\r\n250 End\r\n").ConfigureAwait(false);
    }

    private static string? Folder(FtpCommandContext c) =>
        c.Path is { } path && c.Server.Files.Follow(path) is { } local && Directory.Exists(local) ? local : null;

    private static IEnumerable<ListedEntry> Entries(FtpCommandContext c, string folder) =>
        Mapped(c, (c.Listing.Source?.Invoke() ?? LocalEntries.Enumerate(folder)).Concat(c.Listing.Extra));

    private static IEnumerable<ListedEntry> Mapped(FtpCommandContext c, IEnumerable<ListedEntry> entries)
    {
        foreach (var entry in entries)
        {
            if (c.Listing.Apply(entry) is { } mapped)
            {
                yield return mapped;
            }
        }
    }

    /// <summary>Writes the lines as the entries are enumerated, so a generated listing of any length takes constant memory.</summary>
    private static async ValueTask SendAsync(FtpCommandContext c, IEnumerable<ListedEntry> entries, Func<ListedEntry, string> format)
    {
        await c.ReplyAsync("150 Here comes the directory listing.").ConfigureAwait(false);
        var data = await c.SessionState.AcceptDataAsync(c).ConfigureAwait(false);
        if (data is null)
        {
            return;
        }

        var completed = await TransferCommands.RunAsync(data, () => WriteLinesAsync(entries, format, data)).ConfigureAwait(false);
        await c.ReplyAsync(completed ? c.Transfer.FinalReply ?? "226 Directory send OK." : "426 Connection closed; transfer aborted.")
            .ConfigureAwait(false);
    }

    private static async ValueTask WriteLinesAsync(IEnumerable<ListedEntry> entries, Func<ListedEntry, string> format, DataConnection data)
    {
        var buffer = new StringBuilder(FlushBytes + 1024);
        foreach (var entry in entries)
        {
            buffer.Append(format(entry));
            if (buffer.Length >= FlushBytes && !await FlushAsync(buffer, data).ConfigureAwait(false))
            {
                return;
            }
        }

        await FlushAsync(buffer, data).ConfigureAwait(false);
    }

    private static async ValueTask<bool> FlushAsync(StringBuilder buffer, DataConnection data)
    {
        var bytes = Encoding.UTF8.GetBytes(buffer.ToString());
        buffer.Clear();
        return await data.SendAsync(bytes).ConfigureAwait(false);
    }
}
