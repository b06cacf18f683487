using System.Globalization;
using System.Text;

namespace FtpMount.Bench.Micro;

/// <summary>Listing payloads as servers send them: one line per entry, CRLF, a tenth of them directories.</summary>
internal static class ListingPayloads
{
    public static byte[] Mlsd(int lines)
    {
        var text = new StringBuilder(lines * 96);
        for (var i = 0; i < lines; i++)
        {
            var directory = i % 10 == 0;
            text.Append(CultureInfo.InvariantCulture, $"type={(directory ? "dir" : "file")};")
                .Append(CultureInfo.InvariantCulture, $"size={(directory ? 4096 : 1000 + (i * 37))};")
                .Append(CultureInfo.InvariantCulture, $"modify=2025{1 + (i % 12):D2}{1 + (i % 28):D2}103{i % 10}2{i % 6};")
                .Append(CultureInfo.InvariantCulture, $"UNIX.mode=0{(directory ? "755" : "644")};UNIX.uid=1000;UNIX.gid=1000;")
                .Append(CultureInfo.InvariantCulture, $"unique=803g{i:x}; ")
                .Append(CultureInfo.InvariantCulture, $"{(directory ? "folder" : "file")}-{i:D5}.dat\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static byte[] UnixList(int lines)
    {
        string[] months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        var text = new StringBuilder(lines * 72);
        for (var i = 0; i < lines; i++)
        {
            var directory = i % 10 == 0;

            // Half the entries are older than six months ("2023" in place of the time), as in any real folder.
            var when = i % 2 == 0 ? $"{10 + (i % 14):D2}:{i % 60:D2}" : " 2023";
            text.Append(directory ? "drwxr-xr-x" : "-rw-r--r--")
                .Append(CultureInfo.InvariantCulture, $"    1 1000     1000     {(directory ? 4096 : 1000 + (i * 37)),10} ")
                .Append(CultureInfo.InvariantCulture, $"{months[i % 12]} {1 + (i % 28),2} {when} ")
                .Append(CultureInfo.InvariantCulture, $"{(directory ? "folder" : "file")}-{i:D5}.dat\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
