namespace FtpMount.Ftp;

public enum FtpWriteMode
{
    /// <summary>STOR: create or replace the whole file.</summary>
    Create,

    /// <summary>APPE: add to the end of the file.</summary>
    Append,

    /// <summary>REST offset + STOR (needs FEAT "REST STREAM"; the tail's fate differs per server).</summary>
    Resume,
}
