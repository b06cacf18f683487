namespace FtpMount.Ftp.Data;

public enum FtpDataConnectionMode
{
    /// <summary>EPSV, falling back to PASV; the client connects to the server.</summary>
    Passive,

    /// <summary>EPRT, falling back to PORT; the server connects back to the client.</summary>
    Active,
}
