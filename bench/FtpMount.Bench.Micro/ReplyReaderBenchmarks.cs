using System.Text;
using BenchmarkDotNet.Attributes;
using FtpMount.Ftp.Protocol;

namespace FtpMount.Bench.Micro;

/// <summary>
/// FtpReplyReader on an in-memory control stream: the single-line replies of a busy session (the common case) and
/// a long multi-line FEAT reply.
/// </summary>
[MemoryDiagnoser]
public class ReplyReaderBenchmarks : IDisposable
{
    private const int Replies = 1_000;

    private MemoryStream _singleLines = null!;
    private MemoryStream _feat = null!;

    [GlobalSetup]
    public void Setup()
    {
        string[] typical =
        [
            "226 Transfer complete.",
            "229 Entering Extended Passive Mode (|||40123|)",
            "150 Opening BINARY mode data connection for big.bin (1073741824 bytes).",
            "350 Restart position accepted (1048576).",
            "213 1073741824",
            "250 Directory successfully changed.",
            "200 NOOP ok.",
            "257 \"/tree/d0001\" is the current directory",
        ];
        var single = new StringBuilder();
        for (var i = 0; i < Replies; i++)
        {
            single.Append(typical[i % typical.Length]).Append("\r\n");
        }

        _singleLines = new MemoryStream(Encoding.ASCII.GetBytes(single.ToString()), writable: false);

        var feat = new StringBuilder("211-Features:\r\n");
        foreach (var line in (string[])[" EPRT", " EPSV", " MDTM", " PASV", " REST STREAM", " SIZE", " TVFS", " UTF8",
                     " MLST type*;size*;modify*;UNIX.mode*;UNIX.uid*;UNIX.gid*;unique*;", " AUTH TLS", " PBSZ", " PROT", " MFMT"])
        {
            feat.Append(line).Append("\r\n");
        }

        feat.Append("211 End\r\n");
        _feat = new MemoryStream(Encoding.ASCII.GetBytes(feat.ToString()), writable: false);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _singleLines.Dispose();
        _feat.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Reads 1,000 single-line replies through one reader.</summary>
    [Benchmark(OperationsPerInvoke = Replies)]
    public async Task<int> SingleLineReply()
    {
        _singleLines.Position = 0;
        using var reader = new FtpReplyReader(_singleLines);
        var sum = 0;
        for (var i = 0; i < Replies; i++)
        {
            sum += (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false)).Code;
        }

        return sum;
    }

    /// <summary>One 14-line FEAT reply, reader creation included.</summary>
    [Benchmark]
    public async Task<int> MultiLineFeatReply()
    {
        _feat.Position = 0;
        using var reader = new FtpReplyReader(_feat);
        return (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false)).Lines.Count;
    }
}
