namespace FtpMount.Dokan;

/// <summary>FNV-1a, 32 bits: a stable short fingerprint of a host name (volume serial, shortened UNC names).</summary>
internal static class Fnv1a
{
    public static uint Hash32(string text)
    {
        uint hash = 2166136261;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }
}
