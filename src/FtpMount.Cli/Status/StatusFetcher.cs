using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace FtpMount.Cli.Status;

/// <summary>Asks one mount for its status document over its socket, under a deadline.</summary>
internal static class StatusFetcher
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>A report larger than this is not a status document (thousands of transfers would not reach it).</summary>
    private const int MaxChars = 4 * 1024 * 1024;

    public static async Task<StatusReply> FetchAsync(string mountPoint, Func<string, string?> environment, CancellationToken cancel)
    {
        var socketPath = StatusSocket.Find(mountPoint, environment);
        if (socketPath is null)
        {
            return new StatusReply.Gone(mountPoint, $"no status socket in {string.Join(" or ", StatusSocket.Candidates(environment))}");
        }

        string text;
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            deadline.CancelAfter(Timeout);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), deadline.Token).ConfigureAwait(false);
                text = await ReadAllAsync(socket, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                return new StatusReply.Failed(mountPoint, $"no answer on {socketPath} within {Timeout.TotalSeconds:0} s");
            }
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable)
        {
            // The socket file outlived its process (killed): nobody serves it.
            return new StatusReply.Gone(mountPoint, $"nobody answers on {socketPath}");
        }
        catch (Exception e) when (e is SocketException or IOException or UnauthorizedAccessException)
        {
            return new StatusReply.Failed(mountPoint, $"{socketPath}: {e.Message}");
        }

        return Parse(mountPoint, text);
    }

    internal static StatusReply Parse(string mountPoint, string text)
    {
        var json = text.Trim();
        if (!json.StartsWith('{'))
        {
            return new StatusReply.LegacyText(mountPoint, text);
        }

        StatusDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, StatusJsonContext.Default.StatusDocument);
        }
        catch (JsonException e)
        {
            return new StatusReply.Failed(mountPoint, $"its status is not a document this ftpmount reads: {e.Message}");
        }

        if (document is null || document.Version != StatusDocument.CurrentVersion)
        {
            return new StatusReply.Failed(mountPoint,
                $"it reports status version {document?.Version}; this ftpmount reads version {StatusDocument.CurrentVersion} (same version on both sides: remount, or use the ftpmount that mounted it)");
        }

        return new StatusReply.Report(mountPoint, document, json);
    }

    private static async Task<string> ReadAllAsync(Socket socket, CancellationToken cancel)
    {
        using var stream = new NetworkStream(socket, ownsSocket: false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = new StringBuilder();
        var buffer = new char[16 * 1024];
        int read;
        while ((read = await reader.ReadAsync(buffer, cancel).ConfigureAwait(false)) > 0)
        {
            if (text.Length + read > MaxChars)
            {
                throw new IOException($"the report is larger than {MaxChars / 1024 / 1024} MiB");
            }

            text.Append(buffer, 0, read);
        }

        return text.ToString();
    }
}
