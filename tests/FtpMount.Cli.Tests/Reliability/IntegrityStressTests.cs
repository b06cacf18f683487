using System.Globalization;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Reliability;

/// <summary>
/// A random sequence of writes at offsets, truncations, appends, reads, renames and reopens, applied to a file on
/// the mount and to an in-memory model; compared after every step and, at the end, with the server's copy. The
/// seed is printed; set FTPMOUNT_STRESS_SEED / FTPMOUNT_STRESS_OPS to replay or lengthen a run.
/// </summary>
[Trait("Category", "Integration")]
public class IntegrityStressTests
{
    private const int MaxSize = 192 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<FtpServerKind> PlainServers => FtpServerKinds.Plain;

    [Theory(Timeout = 600_000)]
    [MemberData(nameof(PlainServers))]
    public async Task Random_operations_on_the_mount_always_match_a_local_model(FtpServerKind kind)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FTPMOUNT_STRESS_SEED"), CultureInfo.InvariantCulture, out var s) ? s : 20261125 + (int)kind;
        var operations = int.TryParse(Environment.GetEnvironmentVariable("FTPMOUNT_STRESS_OPS"), CultureInfo.InvariantCulture, out var n) ? n : 1500;
        TestContext.Current.SendDiagnosticMessage($"integrity stress on {kind}: seed {seed}, {operations} operations");
        await using var mount = await FaultyMount.StartAsync(kind, options: "timeout=10,dir_cache_ttl=1,attr_timeout=1");

        var random = new Random(seed);
        var model = new List<byte>();
        var names = new[] { "stress.bin", "moved.bin" };
        var current = 0;
        var file = Open(mount.PathOf(names[current]), FileMode.Create);
        try
        {
            for (var step = 0; step < operations; step++)
            {
                var what = random.Next(100);
                var context = $"seed {seed}, step {step}, {kind}";
                if (what < 40)
                {
                    var offset = random.Next(0, Math.Min(model.Count + 1024, MaxSize));
                    var data = new byte[random.Next(1, 32 * 1024)];
                    random.NextBytes(data);
                    file.Position = offset;
                    file.Write(data);
                    while (model.Count < offset)
                    {
                        model.Add(0);
                    }

                    for (var i = 0; i < data.Length; i++)
                    {
                        if (offset + i < model.Count)
                        {
                            model[offset + i] = data[i];
                        }
                        else
                        {
                            model.Add(data[i]);
                        }
                    }
                }
                else if (what < 50)
                {
                    var length = random.Next(0, Math.Min(model.Count + 4096, MaxSize));
                    file.SetLength(length);
                    if (length < model.Count)
                    {
                        model.RemoveRange(length, model.Count - length);
                    }

                    while (model.Count < length)
                    {
                        model.Add(0);
                    }
                }
                else if (what < 62)
                {
                    var data = new byte[random.Next(1, 8 * 1024)];
                    random.NextBytes(data);
                    file.Seek(0, SeekOrigin.End);
                    file.Write(data);
                    model.AddRange(data);
                }
                else if (what < 80)
                {
                    if (model.Count > 0)
                    {
                        var offset = random.Next(0, model.Count);
                        var buffer = new byte[random.Next(1, 16 * 1024)];
                        file.Position = offset;
                        var read = ReadFully(file, buffer);
                        Assert.True(model.Skip(offset).Take(read).SequenceEqual(buffer.Take(read)), $"read mismatch at {offset} ({context})");
                        Assert.Equal(Math.Min(buffer.Length, model.Count - offset), read);
                    }
                }
                else if (what < 90)
                {
                    // Close (saves), then reopen for read/write: what comes back is what the server has.
                    file.Dispose();
                    file = Open(mount.PathOf(names[current]), FileMode.Open);
                }
                else
                {
                    file.Dispose();
                    var next = 1 - current;
                    File.Move(mount.PathOf(names[current]), mount.PathOf(names[next]), overwrite: true);
                    current = next;
                    file = Open(mount.PathOf(names[current]), FileMode.Open);
                }

                Assert.True(new FileInfo(mount.PathOf(names[current])).Length == model.Count, $"size {new FileInfo(mount.PathOf(names[current])).Length} != model {model.Count} ({context})");
                if (step % 10 == 0)
                {
                    file.Position = 0;
                    var all = new byte[model.Count];
                    Assert.Equal(model.Count, ReadFully(file, all));
                    Assert.True(model.SequenceEqual(all), $"content differs ({context})");
                }
            }
        }
        finally
        {
            file.Dispose();
        }

        var onServer = await File.ReadAllBytesAsync(mount.ServerPathOf(names[current]), Ct);
        Assert.True(model.SequenceEqual(onServer), $"the server's copy differs from the model (seed {seed}, {kind})");
        Assert.False(File.Exists(mount.ServerPathOf(names[1 - current])), "the renamed-away name still exists on the server");
    }

    private static FileStream Open(string path, FileMode mode) =>
        new(path, mode, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);

    private static int ReadFully(FileStream file, byte[] buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = file.Read(buffer, total, buffer.Length - total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
