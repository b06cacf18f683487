using FtpMount.Ftp.Protocol;

namespace FtpMount.Ftp;

/// <summary>The server's FEAT list (RFC 2389): one feature per line, keyword first, then its parameters.</summary>
public sealed class FtpFeatures
{
    private readonly Dictionary<string, string> _features;

    private FtpFeatures(Dictionary<string, string> features) => _features = features;

    public static FtpFeatures None { get; } = new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

    public bool Mlst => Has("MLST");

    public bool Mfmt => Has("MFMT");

    public bool Size => Has("SIZE");

    public bool Mdtm => Has("MDTM");

    public bool Utf8 => Has("UTF8");

    public bool Epsv => Has("EPSV");

    public bool AuthTls => Has("AUTH") && _features["AUTH"].Contains("TLS", StringComparison.OrdinalIgnoreCase);

    /// <summary>REST in stream mode (RFC 3659 §5), needed for ranged reads and resumed uploads.</summary>
    public bool RestStream => Has("REST") && _features["REST"].Contains("STREAM", StringComparison.OrdinalIgnoreCase);

    public bool Has(string keyword) => _features.ContainsKey(keyword);

    public string? Parameters(string keyword) => _features.GetValueOrDefault(keyword);

    /// <summary>Reads a 211 FEAT reply; any other reply (500: FEAT unknown) means no features.</summary>
    public static FtpFeatures Parse(FtpReply reply)
    {
        if (reply.Code != 211)
        {
            return None;
        }

        var features = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        // First and last lines are "Features:" / "End"; features are the lines between, each starting with a space.
        for (var i = 1; i < reply.Lines.Count - 1; i++)
        {
            var line = reply.Lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var keyword = space < 0 ? line : line[..space];
            var parameters = space < 0 ? string.Empty : line[(space + 1)..];
            // Some servers list a keyword twice (e.g. several AUTH lines); keep all parameters.
            features[keyword] = features.TryGetValue(keyword, out var existing) ? $"{existing};{parameters}" : parameters;
        }

        return new FtpFeatures(features);
    }

    public override string ToString() => string.Join(", ", _features.Keys.Order(StringComparer.Ordinal));
}
