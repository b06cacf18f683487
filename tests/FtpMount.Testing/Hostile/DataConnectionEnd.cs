namespace FtpMount.Testing.Hostile;

/// <summary>How the server ends a data connection once it stops sending or accepting bytes.</summary>
public enum DataConnectionEnd
{
    /// <summary>An orderly close (FIN): in stream mode the client sees an ordinary end of file.</summary>
    Close,

    /// <summary>An abortive close (RST), as when a router or the server process drops the connection.</summary>
    Reset,
}
