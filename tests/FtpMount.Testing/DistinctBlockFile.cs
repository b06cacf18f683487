using System.Security.Cryptography;

namespace FtpMount.Testing;

/// <summary>
/// Large test files written block by block, never whole in memory: random bytes, each MiB made unlike the others by
/// its index, so content resumed or copied at a wrong offset cannot match the hash.
/// </summary>
public static class DistinctBlockFile
{
    private const int BlockSize = 1 << 20;

    /// <summary>Writes <paramref name="size"/> bytes (a whole number of MiB) to <paramref name="path"/>; returns their SHA-256 in hex.</summary>
    public static string Write(string path, long size)
    {
        if (size % BlockSize != 0)
        {
            throw new ArgumentException($"The size must be a whole number of MiB; got {size}.", nameof(size));
        }

        var block = new byte[BlockSize];
        new Random(20261205).NextBytes(block);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var file = File.Create(path);
        for (long written = 0, index = 0; written < size; written += block.Length, index++)
        {
            BitConverter.TryWriteBytes(block.AsSpan(0, 8), index);
            file.Write(block);
            hash.AppendData(block);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>The SHA-256 of a file in hex, read as a stream.</summary>
    public static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        var file = File.OpenRead(path);
        await using (file.ConfigureAwait(false))
        {
            return Convert.ToHexString(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false));
        }
    }
}
