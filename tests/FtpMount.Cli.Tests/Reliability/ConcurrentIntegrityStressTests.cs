using System.Globalization;
using FtpMount.Testing;

namespace FtpMount.Cli.Tests.Reliability;

/// <summary>
/// Several workers (threads, each with its own handles) change a few shared files on one mount at once: writes at
/// offsets, reads, truncations (by handle and by name), touches, creates, unlinks, renames over another name, and
/// handles whose close races another handle's open of the same file (the kernel sends a close's release without waiting). The test serializes the
/// operations on each name (<see cref="SharedFileModel"/>), so every result is defined; different names go truly
/// concurrently through the same mount, folder, caches and connections. Compared with the model after every
/// operation and, at the end, with the server's files before and after the unmount. The seed is printed; set
/// FTPMOUNT_CONCURRENT_STRESS_SEED / _OPS (per worker) / _WORKERS to replay or lengthen a run, and
/// FTPMOUNT_CONCURRENT_STRESS_LOG to a folder for a trace log of each mount (every FTP command).
/// </summary>
[Trait("Category", "Integration")]
public class ConcurrentIntegrityStressTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<FtpServerKind> PlainServers => FtpServerKinds.Plain;

    [Theory(Timeout = 600_000)]
    [MemberData(nameof(PlainServers))]
    public Task Concurrent_workers_on_shared_files_always_match_a_local_model(FtpServerKind kind) => RunAsync(kind, writeBack: false);

    /// <summary>
    /// The same with write-back: closes only journal, uploads follow in the background, and a reopen takes a node back
    /// from the queue. The server is compared after the unmount, which finishes the uploads.
    /// </summary>
    [Theory(Timeout = 600_000)]
    [MemberData(nameof(PlainServers))]
    public Task Concurrent_workers_on_shared_files_with_write_back_always_match_a_local_model(FtpServerKind kind) => RunAsync(kind, writeBack: true);

    private static async Task RunAsync(FtpServerKind kind, bool writeBack)
    {
        var seed = Setting("SEED", 20261205 + (int)kind + (writeBack ? 100 : 0));
        var operations = Setting("OPS", 250);
        var workers = Setting("WORKERS", 4);
        var options = "timeout=10,dir_cache_ttl=1,attr_timeout=1" + (writeBack ? ",writeback,writeback_delay=0.05" : string.Empty);
        var logFolder = Environment.GetEnvironmentVariable("FTPMOUNT_CONCURRENT_STRESS_LOG");
        var logName = Path.Combine(logFolder ?? string.Empty, $"{kind}-{(writeBack ? "wb-" : string.Empty)}{seed}");
        var trace = string.IsNullOrEmpty(logFolder) ? null : new System.Collections.Concurrent.ConcurrentQueue<string>();
        if (trace is not null)
        {
            options += $",log_file={logName}.log,log_level=trace";
        }

        TestContext.Current.SendDiagnosticMessage(
            $"concurrent integrity stress on {kind}{(writeBack ? " with write-back" : string.Empty)}: seed {seed}, {workers} workers x {operations} operations");
        await using var mount = await FaultyMount.StartAsync(kind, options: options);
        var model = new SharedFileModel(["a.bin", "b.bin", "c.bin", "d.bin"]);
        using var stop = new CancellationTokenSource();
        var running = Enumerable.Range(0, workers)
            .Select(w => Task.Factory.StartNew(
                () => new ConcurrentStressWorker(mount, model, new Random(seed + (7919 * (w + 1))), $"seed {seed}, worker {w}, {kind}", stop, trace).Run(operations),
                Ct,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default))
            .ToArray();
        try
        {
            await Task.WhenAll(running);
        }
        finally
        {
            if (trace is not null)
            {
                await File.WriteAllLinesAsync(logName + "-operations.log", trace, CancellationToken.None);
            }
        }

        for (var i = 0; i < model.Names.Count; i++)
        {
            ConcurrentStressWorker.ExpectOnMount(mount, model, i, $"at the end, seed {seed}, {kind}");
        }

        if (!writeBack)
        {
            // Every close saved: nothing may change on the server after it, a late release included.
            ExpectOnServer(mount, model, $"before the unmount, seed {seed}, {kind}");
        }

        await mount.UnmountAsync();
        ExpectOnServer(mount, model, $"after the unmount, seed {seed}, {kind}");
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable("FTPMOUNT_CONCURRENT_STRESS_" + name), CultureInfo.InvariantCulture, out var value) ? value : fallback;

    /// <summary>The server's folder holds exactly the model's files, byte for byte, and nothing of ftpmount's own.</summary>
    private static void ExpectOnServer(FaultyMount mount, SharedFileModel model, string context)
    {
        var present = Directory.GetFiles(mount.Server.RootDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        var expected = model.Names.Where((_, i) => model[i] is not null).Order(StringComparer.Ordinal).ToArray();
        Assert.True(expected.SequenceEqual(present), $"the server has [{string.Join(", ", present)}], the model [{string.Join(", ", expected)}] ({context})");
        for (var i = 0; i < model.Names.Count; i++)
        {
            if (model[i] is { } content)
            {
                var onServer = File.ReadAllBytes(mount.ServerPathOf(model.Names[i]));
                Assert.True(content.AsSpan().SequenceEqual(onServer), $"the server's {model.Names[i]} differs from the model ({onServer.Length} bytes, the model {content.Length}; {context})");
            }
        }
    }
}
