using System.Buffers;
using System.Globalization;
using System.Net.Sockets;
using FtpMount.Testing.Hostile.Session;

namespace FtpMount.Testing.Hostile.Commands;

/// <summary>RETR, STOR and APPE over the data connection of the PASV/EPSV before them, as their <see cref="TransferScript"/> says.</summary>
internal static class TransferCommands
{
    private const string Complete = "226 Transfer complete.";
    private const string Aborted = "426 Connection closed; transfer aborted.";

    public static async ValueTask RetrAsync(FtpCommandContext c)
    {
        var offset = TakeRestartOffset(c);
        if (c.Path is not { } path || c.Server.Files.Follow(path) is not { } local || !File.Exists(local))
        {
            await c.ReplyAsync("550 Failed to open file.").ConfigureAwait(false);
            return;
        }

        FileStream file;
        try
        {
            file = new FileStream(local, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await c.ReplyAsync("550 Failed to open file.").ConfigureAwait(false);
            return;
        }

        await using (file.ConfigureAwait(false))
        {
            await c.ReplyAsync(string.Create(
                CultureInfo.InvariantCulture, $"150 Opening BINARY mode data connection for {path} ({file.Length} bytes).")).ConfigureAwait(false);
            var data = await c.SessionState.AcceptDataAsync(c).ConfigureAwait(false);
            if (data is null)
            {
                return;
            }

            file.Seek(Math.Min(offset, file.Length), SeekOrigin.Begin);
            var completed = await RunAsync(data, () => SendFileAsync(file, data)).ConfigureAwait(false);
            await c.ReplyAsync(completed ? c.Transfer.FinalReply ?? Complete : Aborted).ConfigureAwait(false);
        }
    }

    /// <summary>STOR (from the REST offset, keeping the tail as vsftpd does) and APPE.</summary>
    public static async ValueTask StorAsync(FtpCommandContext c)
    {
        var offset = TakeRestartOffset(c);
        if (c.Path is not { } path || c.Server.Files.Follow(path) is not { } local || Directory.Exists(local))
        {
            await c.ReplyAsync("553 Could not create file.").ConfigureAwait(false);
            return;
        }

        FileStream file;
        try
        {
            var mode = c.Verb == "APPE" ? FileMode.Append : offset > 0 ? FileMode.OpenOrCreate : FileMode.Create;
            file = new FileStream(local, mode, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.Asynchronous);
            if (mode == FileMode.OpenOrCreate)
            {
                file.Seek(offset, SeekOrigin.Begin);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await c.ReplyAsync("553 Could not create file.").ConfigureAwait(false);
            return;
        }

        await using (file.ConfigureAwait(false))
        {
            await c.ReplyAsync("150 Ok to send data.").ConfigureAwait(false);
            var data = await c.SessionState.AcceptDataAsync(c).ConfigureAwait(false);
            if (data is null)
            {
                return;
            }

            var completed = await RunAsync(data, () => ReceiveFileAsync(file, data)).ConfigureAwait(false);
            await c.ReplyAsync(completed ? c.Transfer.FinalReply ?? Complete : Aborted).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs one transfer and ends its data connection as scripted. False when the client went away or stalled
    /// past the deadline, which a real server answers with 426.
    /// </summary>
    internal static async ValueTask<bool> RunAsync(DataConnection data, Func<ValueTask> transfer)
    {
        await using (data.ConfigureAwait(false))
        {
            try
            {
                await transfer().ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (e is IOException or SocketException or TimeoutException or ObjectDisposedException)
            {
                return false;
            }
        }
    }

    private static long TakeRestartOffset(FtpCommandContext c)
    {
        var offset = c.SessionState.RestartOffset;
        c.SessionState.RestartOffset = 0;
        return offset;
    }

    private static async ValueTask SendFileAsync(FileStream file, DataConnection data)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await file.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                if (!await data.SendAsync(buffer.AsMemory(0, read)).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async ValueTask ReceiveFileAsync(FileStream file, DataConnection data)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await data.ReceiveAsync(buffer).ConfigureAwait(false)) > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
