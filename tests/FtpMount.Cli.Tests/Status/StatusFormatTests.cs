using FtpMount.Cli.Status;
using FtpMount.Core;

namespace FtpMount.Cli.Tests.Status;

public class StatusFormatTests
{
    [Fact]
    public void Pending_retrying_refused_and_conflict_copies_are_each_reported()
    {
        var status = new FsStatus(1, 0, 4, 4, 0, 0, 3, 0, false, 2, 1, [])
        {
            Refused = new Dictionary<string, string> { ["/locked/a.txt"] = "553 Could not create file." },
            Conflicts = ["/report.ftpmount-conflict-20250102-030405Z.txt"],
        };
        var text = StatusEndpoint.Format("/mnt", "ftp://h/", status);
        Assert.Contains("uploads      3 pending (1 retrying after a failure, 1 refused by the server), 0 open file(s) with unsaved changes", text, StringComparison.Ordinal);
        Assert.Contains("refused      /locked/a.txt: 553 Could not create file.", text, StringComparison.Ordinal);
        Assert.Contains("conflict     /report.ftpmount-conflict-20250102-030405Z.txt", text, StringComparison.Ordinal);
    }
}
