using System.Globalization;

namespace FtpMount.Testing.Hostile;

/// <summary>
/// Ready-made misbehaviours, each a hook (<see cref="HostileFtpServer.Intercept"/>) that lasts until the returned
/// registration is disposed. They compose: register several, and the latest runs first. A <c>path</c> argument is an
/// absolute server path ("/dir/f"); null means every command of that kind.
/// </summary>
public static class Misbehaviours
{
    /// <summary>Answers <paramref name="verb"/> with <paramref name="reply"/> instead of running it (for <paramref name="path"/>, or always).</summary>
    public static IDisposable Answer(this HostileFtpServer server, string verb, string reply, string? path = null) =>
        server.Answer(verb, reply, c => Matches(c, path));

    /// <summary>Answers <paramref name="verb"/> with <paramref name="reply"/> instead of running it whenever <paramref name="when"/> says so.</summary>
    public static IDisposable Answer(this HostileFtpServer server, string verb, string reply, Func<FtpCommandContext, bool> when)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(when);
        return server.Intercept(verb, (c, next) => when(c) ? c.ReplyAsync(reply) : next(c));
    }

    /// <summary>SIZE refused, as by a server without it: 502 (or <paramref name="reply"/>).</summary>
    public static IDisposable RefuseSize(this HostileFtpServer server, string? path = null, string reply = "502 SIZE not implemented.") =>
        server.Answer("SIZE", reply, path);

    /// <summary>SIZE of <paramref name="path"/> answered with <paramref name="size"/>, whatever the file holds.</summary>
    public static IDisposable LieAboutSize(this HostileFtpServer server, string path, long size) =>
        server.Answer("SIZE", string.Create(CultureInfo.InvariantCulture, $"213 {size}"), path);

    /// <summary>
    /// RETR stops sending at byte <paramref name="endAt"/> of the file (whatever the REST offset), ends the data
    /// connection with a FIN and says <paramref name="finalReply"/>: a short download that claims success.
    /// </summary>
    public static IDisposable EndDownloadsAt(
        this HostileFtpServer server, string? path, long endAt, string finalReply = "226 Transfer complete.") =>
        server.ScriptDownloads(path, endAt, DataConnectionEnd.Close, finalReply);

    /// <summary>
    /// RETR's data connection is reset (RST) once it reaches byte <paramref name="cutAt"/> of the file, then
    /// <paramref name="finalReply"/> is sent: a connection cut in the network (426) or after the server had already
    /// handed every byte to its kernel (226).
    /// </summary>
    public static IDisposable CutDownloads(
        this HostileFtpServer server, string? path, long cutAt, string finalReply = "426 Connection closed; transfer aborted.") =>
        server.ScriptDownloads(path, cutAt, DataConnectionEnd.Reset, finalReply);

    /// <summary>Sends <paramref name="reply"/> as an extra, unasked-for reply after every <paramref name="verb"/>'s own (say, 250 after a listing's 226).</summary>
    public static IDisposable AddStrayReply(this HostileFtpServer server, string verb, string reply)
    {
        ArgumentNullException.ThrowIfNull(server);
        return server.Intercept(verb, async (c, next) =>
        {
            await next(c).ConfigureAwait(false);
            await c.ReplyAsync(reply).ConfigureAwait(false);
        });
    }

    /// <summary>Rewrites (or, returning null, drops) every entry of every MLSD, MLST, LIST and NLST.</summary>
    public static IDisposable RewriteListings(this HostileFtpServer server, Func<ListedEntry, ListedEntry?> map)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(map);
        return OnListings(server, (c, next) =>
        {
            c.Listing.Map(map);
            return next(c);
        });
    }

    /// <summary>Listings leave out the size of <paramref name="name"/> (of every entry when null): RFC 3659 makes every fact optional.</summary>
    public static IDisposable ListWithoutSize(this HostileFtpServer server, string? name = null) =>
        server.RewriteListings(e => name is null || e.Name == name ? e with { Size = null } : e);

    /// <summary>Listings give <paramref name="name"/> the size <paramref name="size"/>, whatever the file holds.</summary>
    public static IDisposable ListSizeAs(this HostileFtpServer server, string name, long size) =>
        server.RewriteListings(e => e.Name == name ? e with { Size = size } : e);

    /// <summary>Listings give <paramref name="name"/> the mode <paramref name="mode"/> (0o4755: setuid).</summary>
    public static IDisposable ListModeAs(this HostileFtpServer server, string name, int mode) =>
        server.RewriteListings(e => e.Name == name ? e with { Mode = mode } : e);

    /// <summary>Listings of <paramref name="folder"/> also show <paramref name="entries"/> (links pointing anywhere, hostile names).</summary>
    public static IDisposable AddListedEntries(this HostileFtpServer server, string folder, params ListedEntry[] entries)
    {
        ArgumentNullException.ThrowIfNull(server);
        return OnListings(server, (c, next) =>
        {
            if (c.Verb != "MLST" && c.Path == folder)
            {
                c.Listing.Add(entries);
            }

            return next(c);
        });
    }

    /// <summary>
    /// Listings of <paramref name="folder"/> (which must exist) show what <paramref name="entries"/> yields instead of
    /// its contents, enumerated while the listing is sent: millions of lines never sit in the server's memory.
    /// </summary>
    public static IDisposable GenerateListing(this HostileFtpServer server, string folder, Func<IEnumerable<ListedEntry>> entries)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(entries);
        return OnListings(server, (c, next) =>
        {
            if (c.Verb != "MLST" && c.Path == folder)
            {
                c.Listing.Source = entries;
            }

            return next(c);
        });
    }

    private static IDisposable ScriptDownloads(this HostileFtpServer server, string? path, long endAt, DataConnectionEnd end, string finalReply)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentOutOfRangeException.ThrowIfNegative(endAt);
        return server.Intercept("RETR", (c, next) =>
        {
            if (Matches(c, path))
            {
                c.Transfer.StopAfterBytes = Math.Max(0, endAt - c.RestartOffset);
                c.Transfer.End = end;
                c.Transfer.FinalReply = finalReply;
            }

            return next(c);
        });
    }

    private static Registrations OnListings(HostileFtpServer server, FtpCommandHook hook) =>
        new Registrations([.. new[] { "MLSD", "MLST", "LIST", "NLST" }.Select(verb => server.Intercept(verb, hook))]);

    private static bool Matches(FtpCommandContext command, string? path) => path is null || command.Path == path;

    private sealed class Registrations(IReadOnlyList<IDisposable> parts) : IDisposable
    {
        public void Dispose()
        {
            foreach (var part in parts)
            {
                part.Dispose();
            }
        }
    }
}
