using FtpMount.Ftp.Errors;

namespace FtpMount.Ftp.Placing;

/// <summary>
/// What became of the optional steps of placing an upload (<see cref="FtpClient.PlaceUploadAsync"/>): null where the
/// step was applied or not asked for, else the server's refusal. The rename itself either succeeded or threw.
/// </summary>
public sealed record FtpPlaceOutcome(FtpException? ModeError, FtpException? TimeError)
{
    public static FtpPlaceOutcome Applied { get; } = new(null, null);
}
