using System.Net.Sockets;
using System.Text;
using FtpMount.Core;

namespace FtpMount.Cli.Status;

/// <summary>
/// Serves <c>ftpmount status</c> from inside a running mount: a Unix socket in a folder only the user can enter;
/// each connection gets one text report, then the socket closes. Nothing secret is in the report.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class StatusEndpoint : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly string _path;
    private readonly Func<string> _report;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private StatusEndpoint(Socket listener, string path, Func<string> report)
    {
        _listener = listener;
        _path = path;
        _report = report;
        _loop = Task.Run(ServeAsync);
    }

    public static StatusEndpoint Start(string socketPath, Func<string> report)
    {
        var directory = Path.GetDirectoryName(socketPath)!;
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.Delete(socketPath);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(4);
        return new StatusEndpoint(listener, socketPath, report);
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
                await client.SendAsync(Encoding.UTF8.GetBytes(_report()), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                client.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A client that left early, or the mount stopping.
            }
        }
    }

    public static string Format(string mountPoint, string source, FsStatus status)
    {
        var text = new StringBuilder();
        text.Append($"{mountPoint}  {source}  (pid {Environment.ProcessId})\n");
        text.Append($"  connections  {status.ConnectionsOpen} open, {status.ConnectionsIdle} idle, limit {status.ConnectionLimit} of {status.ConnectionMaximum}\n");
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  cache        {status.CacheHits} hits, {status.CacheMisses} misses ({status.CacheHitRatio:P1} hit ratio)\n");
        text.Append($"  uploads      {status.UploadsPending} pending ({status.UploadsFailing} retrying after a failure, {status.Refused.Count} refused by the server), {status.FilesUnsaved} open file(s) with unsaved changes\n");
        text.Append(status.WriteBack
            ? $"  write-back   {status.UploadsQueued} closed file(s) waiting for upload, {status.UploadsFailing} of them retrying after a failure\n"
            : "  write-back   off (close() waits for each upload)\n");
        foreach (var (path, reason) in status.Refused)
        {
            text.Append($"  refused      {path}: {reason} (kept in the spool folder; retried by the next mount)\n");
        }

        foreach (var conflict in status.Conflicts)
        {
            text.Append($"  conflict     {conflict} (the server's file had changed; this is the version saved here)\n");
        }

        if (status.Transfers.Count == 0)
        {
            text.Append("  transfers    none in flight\n");
        }

        foreach (var transfer in status.Transfers)
        {
            var seconds = Math.Max(0.001, (DateTimeOffset.UtcNow - transfer.StartedAt).TotalSeconds);
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"  transfer     {transfer.Direction.ToString().ToLowerInvariant(),-8} {transfer.Path}  {transfer.Bytes / 1048576.0:0.0} MiB from offset {transfer.StartOffset} ({transfer.Bytes / seconds / 1e6:0.0} MB/s)\n");
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        File.Delete(_path);
    }
}
