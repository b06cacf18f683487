using System.Globalization;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Mount;

/// <summary>dd writes and reads at arbitrary offsets behave exactly like the same operations on a local file.</summary>
[Trait("Category", "Integration")]
public sealed class RandomAccessTests
{
    private const int InitialSize = 1024 * 1024 + 17;

    [Theory(Timeout = 240_000)]
    [MemberData(nameof(FtpServerKinds.Plain), MemberType = typeof(FtpServerKinds))]
    public async Task Dd_writes_and_reads_at_random_offsets_match_a_local_model(FtpServerKind kind)
    {
        await using var mount = await MountedServer.StartAsync(kind);
        using var local = new TempDirectory();
        var random = new Random(3);
        var initial = new byte[InitialSize];
        random.NextBytes(initial);
        mount.Server.CreateFile("data.bin", initial);
        var model = Path.Combine(local.Path, "model.bin");
        await File.WriteAllBytesAsync(model, initial, TestContext.Current.CancellationToken);
        var target = mount.PathOf("data.bin");

        for (var i = 0; i < 12; i++)
        {
            // Mostly inside the file, sometimes across or past its end (which leaves a hole of zeros, as locally).
            var offset = random.Next(0, InitialSize + 300_000);
            var chunk = new byte[random.Next(1, 200_000)];
            random.NextBytes(chunk);
            var chunkPath = Path.Combine(local.Path, "chunk.bin");
            await File.WriteAllBytesAsync(chunkPath, chunk, TestContext.Current.CancellationToken);
            await ExternalProgram.RunCheckedAsync(
                "dd", $"if={chunkPath}", $"of={target}", $"bs={chunk.Length}", "count=1", $"seek={offset}", "oflag=seek_bytes", "conv=notrunc", "status=none");
            WriteAt(model, chunk, offset);
        }

        var expected = await File.ReadAllBytesAsync(model, TestContext.Current.CancellationToken);
        Assert.Equal(
            expected.Length.ToString(CultureInfo.InvariantCulture) + "\n",
            await ExternalProgram.RunCheckedAsync("stat", "-c", "%s", target));
        var onServer = await File.ReadAllBytesAsync(mount.ServerPathOf("data.bin"), TestContext.Current.CancellationToken);
        Assert.True(
            expected.AsSpan().SequenceEqual(onServer),
            $"The server's file differs from the model. {mount.Describe()}");

        for (var i = 0; i < 12; i++)
        {
            var offset = random.Next(0, expected.Length);
            var length = random.Next(1, 300_000);
            var piece = Path.Combine(local.Path, "piece.bin");
            await ExternalProgram.RunCheckedAsync(
                "dd", $"if={target}", $"of={piece}", $"bs={length}", "count=1", $"skip={offset}", "iflag=skip_bytes,fullblock", "status=none");
            var read = await File.ReadAllBytesAsync(piece, TestContext.Current.CancellationToken);
            Assert.True(
                expected.AsSpan(offset, Math.Min(length, expected.Length - offset)).SequenceEqual(read),
                $"dd read of {length} bytes at {offset} differs from the model.");
        }
    }

    private static void WriteAt(string path, byte[] data, long offset)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.Seek(offset, SeekOrigin.Begin);
        file.Write(data);
    }
}
