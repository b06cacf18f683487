using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FtpMount.Ftp.Errors;
using FtpMount.Ftp.Protocol;
using Microsoft.Extensions.Logging;

namespace FtpMount.Ftp.Data;

/// <summary>
/// Negotiates the data connection for one transfer on one control connection: EPSV first (it carries no address,
/// so it works through NAT and over IPv6), PASV when EPSV is refused, or EPRT/PORT in active mode.
/// </summary>
/// <param name="pipelining">The session's current switch (a pool replaces it with the one its sessions share).</param>
internal sealed class FtpDataChannelOpener(
    FtpControlConnection control, FtpClientOptions options, Func<PipeliningSwitch> pipelining, ILogger logger)
{
    private bool _epsvRefused;
    private bool _eprtRefused;
    private ReadyDataConnection? _ready;

    /// <summary>
    /// Whether EPSV may travel at the end of another flight to make the next transfer's data connection ready ahead
    /// (see <see cref="AheadAnswered"/>): passive mode, pipelining on, EPSV not refused, none ready already.
    /// </summary>
    public bool CanPrepareAhead =>
        options.ReadyDataLifetime > TimeSpan.Zero && pipelining().IsOn && options.DataConnectionMode == FtpDataConnectionMode.Passive
        && !_epsvRefused && _ready is null;

    /// <summary>The data connection made ready ahead and not used yet, if any.</summary>
    public ReadyDataConnection? Ready => _ready;

    /// <summary>
    /// The reply to an EPSV sent ahead (in another command's flight, see <see cref="CanPrepareAhead"/>): a 229 starts
    /// the connect now, so the next transfer command finds its data connection made; a refusal only means the next
    /// transfer negotiates as usual. A reply that answers no EPSV means the replies are out of step.
    /// </summary>
    public void AheadAnswered(FtpReply reply)
    {
        if (reply.Code != 229)
        {
            if (reply.IsPreliminary || reply.Code is >= 300 and < 400)
            {
                throw control.OutOfStep(reply, "EPSV");
            }

            if (reply.IsPermanentFailure)
            {
                _epsvRefused = true;
                FtpLog.EpsvRefused(logger, reply.Code);
            }

            return;
        }

        int port;
        try
        {
            port = PassiveReplyParser.ParseEpsv(reply);
        }
        catch (FtpProtocolException)
        {
            // The replies of the flight it led are still to be read: the next transfer negotiates again instead.
            return;
        }

        if (!PortAllowed(port))
        {
            // The next transfer negotiates again and refuses the port with the usual error.
            return;
        }

        // Not the flight's token: the connection outlives the operation that prepared it; its own deadline bounds it.
        var connecting = FtpControlConnection.OpenSocketAsync(
            control.RemoteAddress.ToString(), port, options.ConnectTimeout, "data connection", CancellationToken.None);
        _ready = new ReadyDataConnection(PendingDataConnection.Connecting(connecting, madeAhead: true), TimeProvider.System.GetTimestamp());
    }

    /// <summary>Closes a data connection made ready ahead and never used (the session is closing).</summary>
    public async ValueTask DiscardReadyAsync()
    {
        if (_ready is { } ready)
        {
            _ready = null;
            await ready.Connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    public Task<PendingDataConnection> PrepareAsync(CancellationToken cancellationToken) =>
        options.DataConnectionMode == FtpDataConnectionMode.Active
            ? PrepareActiveAsync(cancellationToken)
            : PreparePassiveAsync(cancellationToken);

    /// <summary>
    /// Negotiates the data connection and sends <paramref name="command"/> (the transfer command), in one flight where
    /// that is possible: EPSV and the command together (pipelining, passive mode, EPSV not refused). The server reads
    /// them in order: it opens its listener, answers 229, then takes the transfer command and waits for the data
    /// connection, which we open as soon as the 229 arrives. The caller reads the command's reply next.
    /// </summary>
    /// <remarks>
    /// A data connection made ready ahead is used when <paramref name="allowReady"/>, it is still fresh, its connect
    /// did not fail and the server has not closed it: the command goes alone, and the server takes the connection waiting for it
    /// (<see cref="PendingDataConnection.MadeAhead"/> tells the caller, which negotiates afresh if the server says it
    /// could not).
    /// </remarks>
    public async Task<PendingDataConnection> PrepareAndSendAsync(string command, bool allowReady, CancellationToken cancellationToken)
    {
        if (_ready is { } ready)
        {
            _ready = null;
            // One closed meanwhile (a middlebox, a server's own limit) would have the server wait for a connection that
            // never comes, until the reply deadline.
            if (allowReady && !ready.IsStale(options.ReadyDataLifetime) && ready.Connection.Connect is { IsFaulted: false, IsCanceled: false }
                && !ready.Connection.ClosedByPeer())
            {
                await SendOrDisposeAsync(ready.Connection, command, cancellationToken).ConfigureAwait(false);
                return ready.Connection;
            }

            // Negotiating again replaces the server's passive state; the connection it had waiting is dropped with it.
            await ready.Connection.DisposeAsync().ConfigureAwait(false);
        }

        var flight = pipelining();
        if (!flight.IsOn || options.DataConnectionMode == FtpDataConnectionMode.Active || _epsvRefused)
        {
            var pending = await PrepareAsync(cancellationToken).ConfigureAwait(false);
            await SendOrDisposeAsync(pending, command, cancellationToken).ConfigureAwait(false);
            return pending;
        }

        await control.SendFlightAsync(["EPSV", command], cancellationToken).ConfigureAwait(false);
        FtpReply epsv;
        try
        {
            epsv = await control.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
            if (epsv.Code == 229)
            {
                return await ConnectAsync(PassiveReplyParser.ParseEpsv(epsv), cancellationToken).ConfigureAwait(false);
            }

            // Without a listener the transfer command cannot have started a transfer: its refusal comes next.
            var refused = await control.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
            if (refused.IsPreliminary)
            {
                // No listener, yet a transfer starts: the replies do not belong to the commands of this flight.
                var error = new FtpPipeliningException(
                    $"The server started {command.Split(' ')[0]} after refusing EPSV ({epsv.Code}) sent with it in one flight.", refused);
                flight.Refuse(error);
                throw error;
            }
        }
        catch
        {
            // The transfer command's reply is still owed, or the server waits for a data connection we will not open.
            control.MarkBroken();
            throw;
        }

        if (!epsv.IsPermanentFailure)
        {
            throw FtpReplyChecks.Failure(epsv, "EPSV");
        }

        _epsvRefused = true;
        FtpLog.EpsvRefused(logger, epsv.Code);
        var passive = await PreparePassiveAsync(cancellationToken).ConfigureAwait(false);
        await SendOrDisposeAsync(passive, command, cancellationToken).ConfigureAwait(false);
        return passive;
    }

    private async Task SendOrDisposeAsync(PendingDataConnection pending, string command, CancellationToken cancellationToken)
    {
        try
        {
            await control.SendAsync(command, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await pending.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<PendingDataConnection> PreparePassiveAsync(CancellationToken cancellationToken)
    {
        int port;
        if (!_epsvRefused)
        {
            var reply = await control.ExecuteAsync("EPSV", cancellationToken).ConfigureAwait(false);
            if (reply.Code == 229)
            {
                port = PassiveReplyParser.ParseEpsv(reply);
                return await ConnectAsync(port, cancellationToken).ConfigureAwait(false);
            }

            if (!reply.IsPermanentFailure)
            {
                throw FtpReplyChecks.Failure(reply, "EPSV");
            }

            _epsvRefused = true;
            FtpLog.EpsvRefused(logger, reply.Code);
        }

        var pasv = FtpReplyChecks.ExpectSuccess(await control.ExecuteAsync("PASV", cancellationToken).ConfigureAwait(false), "PASV");
        // The address in a 227 reply is ignored on purpose: servers behind NAT put private addresses there, and a
        // hostile server could aim us at a third host (curl CVE-2020-8284). Only the port is taken.
        (_, port) = PassiveReplyParser.ParsePasv(pasv);
        return await ConnectAsync(port, cancellationToken).ConfigureAwait(false);
    }

    private bool PortAllowed(int port) => port >= 1024 || options.AllowPrivilegedDataPorts;

    private async Task<PendingDataConnection> ConnectAsync(int port, CancellationToken cancellationToken)
    {
        if (!PortAllowed(port))
        {
            throw new FtpProtocolException(
                $"The server offered data port {port}, below 1024; refused (set AllowPrivilegedDataPorts to permit it).");
        }

        var connecting = FtpControlConnection.OpenSocketAsync(
            control.RemoteAddress.ToString(), port, options.ConnectTimeout, "data connection", cancellationToken);
        if (!pipelining().IsOn)
        {
            await connecting.ConfigureAwait(false);
        }

        // Pipelined, the transfer command goes out while the connect is on its way: RFC 959 §3.2 has the passive
        // server wait for the connection only once a transfer command came, and all four test servers accept it
        // before or after that command.
        return PendingDataConnection.Connecting(connecting);
    }

    private async Task<PendingDataConnection> PrepareActiveAsync(CancellationToken cancellationToken)
    {
        var listener = new Socket(control.LocalAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(control.LocalAddress, 0));
            listener.Listen(1);
            var endpoint = (IPEndPoint)listener.LocalEndPoint!;
            await AnnounceAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return PendingDataConnection.Listening(listener, control.RemoteAddress);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    private async Task AnnounceAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var address = endpoint.Address.IsIPv4MappedToIPv6 ? endpoint.Address.MapToIPv4() : endpoint.Address;
        if (!_eprtRefused)
        {
            var family = address.AddressFamily == AddressFamily.InterNetworkV6 ? 2 : 1;
            var reply = await control.ExecuteAsync(
                string.Create(CultureInfo.InvariantCulture, $"EPRT |{family}|{address}|{endpoint.Port}|"), cancellationToken).ConfigureAwait(false);
            if (reply.IsSuccess)
            {
                return;
            }

            if (!reply.IsPermanentFailure || address.AddressFamily != AddressFamily.InterNetwork)
            {
                throw FtpReplyChecks.Failure(reply, "EPRT");
            }

            _eprtRefused = true;
        }

        var bytes = address.GetAddressBytes();
        var port = string.Create(
            CultureInfo.InvariantCulture,
            $"PORT {bytes[0]},{bytes[1]},{bytes[2]},{bytes[3]},{endpoint.Port / 256},{endpoint.Port % 256}");
        FtpReplyChecks.ExpectSuccess(await control.ExecuteAsync(port, cancellationToken).ConfigureAwait(false), "PORT");
    }
}
