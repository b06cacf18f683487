using Spectre.Console;
using Spectre.Console.Rendering;

namespace FtpMount.Cli.Status;

/// <summary>
/// The <c>--watch</c> screen on a terminal: per mount, its pool, cache and upload figures, each transfer with a
/// progress bar, rate and ETA, and the upload queue with retries. Everything that came from the mount is put in
/// <see cref="Text"/> (never parsed as markup) and passed through <see cref="StatusUnits.Printable"/>.
/// </summary>
internal static class StatusLiveView
{
    private const int BarWidth = 24;

    private static readonly Style Bold = new(decoration: Decoration.Bold);

    public static IRenderable Render(IReadOnlyList<StatusReply> replies, DateTimeOffset now, bool unicode)
    {
        ArgumentNullException.ThrowIfNull(replies);
        var parts = new List<IRenderable>();
        foreach (var reply in replies)
        {
            parts.Add(reply switch
            {
                StatusReply.Report report => Mount(report.Document, unicode),
                StatusReply.LegacyText legacy => Panel(legacy.MountPoint, new Text(StatusUnits.Printable(legacy.Text))),
                StatusReply.Gone gone => Panel(gone.MountPoint, new Text(StatusUnits.Printable("gone: " + gone.Reason), new Style(Color.Red))),
                StatusReply.Failed failed => Panel(failed.MountPoint, new Text(StatusUnits.Printable("no status: " + failed.Reason), new Style(Color.Yellow))),
                _ => throw new InvalidOperationException($"Unhandled reply {reply}."),
            });
        }

        if (parts.Count == 0)
        {
            parts.Add(new Text("No ftpmount mounts."));
        }

        parts.Add(new Text($"updated {now.ToLocalTime():HH:mm:ss}, every second; Ctrl+C stops", new Style(Color.Grey)));
        return new Rows(parts);
    }

    private static Panel Panel(string mountPoint, IRenderable content) =>
        new Panel(content) { Header = new PanelHeader(Markup.Escape(StatusUnits.Printable(mountPoint))), Expand = true };

    private static Panel Mount(StatusDocument status, bool unicode)
    {
        var rows = new List<IRenderable> { Figures(status) };
        rows.Add(status.Transfers.Count == 0 ? new Text("No transfers in flight.", new Style(Color.Grey)) : Transfers(status, unicode));
        if (status.Uploads.Queue.Count > 0)
        {
            rows.Add(Queue(status));
        }

        foreach (var refused in status.Refused)
        {
            rows.Add(new Text(StatusUnits.Printable($"refused  {refused.Path}: {refused.Reason} (kept; the next mount retries it)"), new Style(Color.Red)));
        }

        foreach (var conflict in status.Conflicts)
        {
            rows.Add(new Text(StatusUnits.Printable($"conflict {conflict} (the server's file had changed; this is the version saved here)"), new Style(Color.Yellow)));
        }

        var header = $"{status.MountPoint}  {status.Source}  pid {status.Pid}";
        return new Panel(new Rows(rows)) { Header = new PanelHeader(Markup.Escape(StatusUnits.Printable(header))), Expand = true };
    }

    private static Grid Figures(StatusDocument status)
    {
        var c = status.Connections;
        var u = status.Uploads;
        var grid = new Grid();
        grid.AddColumn(new GridColumn().NoWrap());
        grid.AddColumn();
        grid.AddRow(new Text("connections", Bold), new Text($"{c.Open} open ({c.Busy} busy, {c.Idle} idle), limit {c.Limit} of {c.Maximum}"));
        grid.AddRow(new Text("cache", Bold), new Text(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{status.Cache.Hits} hits, {status.Cache.Misses} misses ({status.Cache.HitRatio:P1} hit ratio)")));
        grid.AddRow(new Text("uploads", Bold), new Text(
            $"{u.Pending} pending ({u.Queued} queued, {u.Retrying} retrying, {status.Refused.Count} refused), {u.UnsavedOpenFiles} open file(s) with unsaved changes; write-back {(status.WriteBack ? "on" : "off")}"));
        return grid;
    }

    private static Table Transfers(StatusDocument status, bool unicode)
    {
        var table = new Table { Border = TableBorder.Simple, Expand = true };
        table.AddColumns(
            new TableColumn("transfer"), new TableColumn("file"), new TableColumn("progress"),
            new TableColumn("done").RightAligned(), new TableColumn("rate").RightAligned(), new TableColumn("ETA").RightAligned());
        foreach (var transfer in status.Transfers)
        {
            var arrow = transfer.Direction == "download" ? (unicode ? "↓ download" : "v download") : (unicode ? "↑ upload" : "^ upload");
            table.AddRow(
                new Text(arrow),
                new Text(StatusUnits.Printable(transfer.Path)) { Overflow = Overflow.Ellipsis },
                Bar(transfer, unicode),
                new Text(StatusText.Progress(transfer)),
                new Text(StatusUnits.Rate(transfer.BytesPerSecond)),
                new Text(StatusUnits.Duration(transfer.EtaSeconds)));
        }

        return table;
    }

    private static Table Queue(StatusDocument status)
    {
        var table = new Table { Border = TableBorder.Simple, Expand = true };
        table.AddColumns(new TableColumn("queued upload"), new TableColumn("size").RightAligned(), new TableColumn("state"));
        foreach (var upload in status.Uploads.Queue)
        {
            var style = upload.Failures > 0 ? new Style(Color.Yellow) : Style.Plain;
            table.AddRow(
                new Text(StatusUnits.Printable(upload.Path)) { Overflow = Overflow.Ellipsis },
                new Text(StatusUnits.Size(upload.Bytes)),
                new Text(StatusUnits.Printable(StatusText.Describe(upload, status.Time)), style));
        }

        if (status.Uploads.Queued > status.Uploads.Queue.Count)
        {
            table.AddRow(new Text($"... and {status.Uploads.Queued - status.Uploads.Queue.Count} more"), Text.Empty, Text.Empty);
        }

        return table;
    }

    /// <summary>A bar of how far into the file the transfer is; a dotted one when the file's size is unknown.</summary>
    private static Markup Bar(StatusTransfer transfer, bool unicode)
    {
        var (done, rest, unknown) = unicode ? ('━', '━', '╌') : ('#', '-', '.');
        if (transfer.Total is not { } total)
        {
            return new Markup($"[grey]{new string(unknown, BarWidth)}[/]");
        }

        var filled = total <= 0 ? BarWidth : (int)Math.Clamp(transfer.Position * BarWidth / total, 0, BarWidth);
        return new Markup($"[green]{new string(done, filled)}[/][grey]{new string(rest, BarWidth - filled)}[/]");
    }
}
