using FtpMount.Testing.Hostile;
using Microsoft.Extensions.Logging.Abstractions;

namespace FtpMount.Ftp.Tests.Hostile;

/// <summary>Our own client, logged in to a <see cref="HostileFtpServer"/> with short deadlines.</summary>
internal static class HostileSessions
{
    public static FtpClientOptions OptionsFor(HostileFtpServer server) => new()
    {
        Host = server.Host,
        Port = server.Port,
        Credentials = new FtpCredentials(server.UserName, server.Password),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ReplyTimeout = TimeSpan.FromSeconds(10),
        DataTimeout = TimeSpan.FromSeconds(10),
        AbortTimeout = TimeSpan.FromSeconds(5),
    };

    public static Task<FtpSession> ConnectAsync(HostileFtpServer server, FtpClientOptions? options = null) =>
        FtpSession.ConnectAsync(options ?? OptionsFor(server), NullLogger.Instance, TestContext.Current.CancellationToken);

    /// <summary>RETR to the end, checked by the final reply, as the filesystem reads.</summary>
    public static async Task<byte[]> DownloadAsync(FtpSession session, string path, long offset = 0)
    {
        var download = await session.OpenReadAsync(path, offset, TestContext.Current.CancellationToken);
        await using (download)
        {
            var bytes = new MemoryStream();
            await download.CopyToAsync(bytes, TestContext.Current.CancellationToken);
            return bytes.ToArray();
        }
    }

    public static async Task UploadAsync(FtpSession session, string path, byte[] content, FtpWriteMode mode = FtpWriteMode.Create)
    {
        var upload = await session.OpenWriteAsync(path, mode, 0, TestContext.Current.CancellationToken);
        await using (upload)
        {
            await upload.WriteAsync(content, TestContext.Current.CancellationToken);
            await upload.CompleteAsync(mode == FtpWriteMode.Append ? null : content.Length, TestContext.Current.CancellationToken);
        }
    }
}
