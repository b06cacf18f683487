namespace FtpMount.Ftp.Pool;

internal readonly record struct IdleSession(FtpSession Session, long ReturnedAt);
