using FtpMount.Ftp.Protocol;

namespace FtpMount.Ftp.Tests;

public class FtpFeaturesTests
{
    [Fact]
    public void Feature_lines_between_header_and_end_are_read_case_insensitively()
    {
        var reply = new FtpReply(211, ["Features:", " MLST type*;size*;modify*;", " mfmt", " REST STREAM", " AUTH TLS", " SIZE", " UTF8", "End"]);
        var features = FtpFeatures.Parse(reply);
        Assert.True(features.Mlst);
        Assert.True(features.Mfmt);
        Assert.True(features.RestStream);
        Assert.True(features.AuthTls);
        Assert.True(features.Size);
        Assert.True(features.Utf8);
        Assert.False(features.Mdtm);
        Assert.Equal("type*;size*;modify*;", features.Parameters("MLST"));
    }

    [Fact]
    public void Vsftpd_features_have_no_mlst_or_mfmt()
    {
        var reply = new FtpReply(211, ["Features:", " AUTH TLS", " EPRT", " EPSV", " MDTM", " PASV", " PBSZ", " PROT", " REST STREAM", " SIZE", " TVFS", " UTF8", "End"]);
        var features = FtpFeatures.Parse(reply);
        Assert.False(features.Mlst);
        Assert.False(features.Mfmt);
        Assert.True(features.Epsv);
    }

    [Fact]
    public void Unknown_feat_command_means_no_features() =>
        Assert.False(FtpFeatures.Parse(new FtpReply(500, ["Unknown command"])).Size);
}
