namespace FtpMount.Ftp.Tests.Listing;

/// <summary>A clock frozen at one instant, so year inference is deterministic.</summary>
internal sealed class FakeTimeProvider(DateTimeOffset utcNow) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => utcNow;
}
