using System.Security.Cryptography;

namespace FtpMount.Bench.Data;

/// <summary>
/// Incompressible test files from a fixed seed. The name encodes size and seed, so a file of the right length
/// left by an earlier run is reused instead of written again.
/// </summary>
internal static class RandomFile
{
    public static string Ensure(string directory, string prefix, long bytes, int seed)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{prefix}-{bytes / (1024 * 1024)}M-s{seed}.bin");
        if (File.Exists(path) && new FileInfo(path).Length == bytes)
        {
            return path;
        }

        var temporary = path + ".tmp";
        var random = new Random(seed);
        var buffer = new byte[1024 * 1024];
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            for (long written = 0; written < bytes; written += buffer.Length)
            {
                random.NextBytes(buffer);
                stream.Write(buffer, 0, (int)Math.Min(buffer.Length, bytes - written));
            }
        }

        File.Move(temporary, path, overwrite: true);
        return path;
    }

    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
