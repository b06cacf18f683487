namespace FtpMount.FtpProxy;

/// <summary>
/// How an <see cref="FtpProxy"/> degrades the link. Immutable; swap a new value in through
/// <see cref="FtpProxy.Options"/> (or one of its shortcut setters) to change the link while traffic flows.
/// </summary>
public sealed record FtpProxyOptions
{
    /// <summary>The largest delay accepted, so a typo (minutes for milliseconds) fails fast instead of hanging a test.</summary>
    public static readonly TimeSpan MaxOneWayDelay = TimeSpan.FromSeconds(30);

    public static FtpProxyOptions Default { get; } = new();

    /// <summary>
    /// Added to every chunk in each direction, on control and data connections alike, so the round trip grows by
    /// twice this. A chunk takes the delay in force when it was received.
    /// </summary>
    public TimeSpan OneWayDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Cap per direction per connection; <see langword="null"/> means no cap.</summary>
    public long? BandwidthBytesPerSecond { get; init; }

    /// <summary>
    /// While set, nothing is forwarded in either direction and no socket is closed: a server that stops answering.
    /// Held data is delivered in order once cleared, as TCP retransmission would after an outage.
    /// </summary>
    public bool BlackHole { get; init; }

    /// <summary>While set, new client connections (control and data) are accepted and closed at once.</summary>
    public bool RefuseNewConnections { get; init; }

    /// <summary>
    /// Rewrite 227/229 replies so data connections pass the proxy (the default). Off, a control connection is a plain
    /// byte relay: for implicit FTPS, whose replies are encrypted, or any other protocol; its data connections then
    /// go straight to the server, and <see cref="FtpProxy.ReplaceNextReply"/> has no effect on it. Read when a
    /// control connection opens.
    /// </summary>
    public bool RewritePassiveReplies { get; init; } = true;

    /// <summary>Throws naming the first option with a bad value.</summary>
    public void Validate()
    {
        if (OneWayDelay < TimeSpan.Zero || OneWayDelay > MaxOneWayDelay)
        {
            throw new ArgumentOutOfRangeException(
                nameof(OneWayDelay), OneWayDelay, $"{nameof(OneWayDelay)} must be between 0 and {MaxOneWayDelay}.");
        }

        if (BandwidthBytesPerSecond is <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(BandwidthBytesPerSecond), BandwidthBytesPerSecond, $"{nameof(BandwidthBytesPerSecond)} must be positive or null.");
        }
    }
}
