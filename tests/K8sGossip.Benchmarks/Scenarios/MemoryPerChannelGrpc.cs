using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using K8sGossip.Benchmarks.LocalNetwork;

namespace K8sGossip.Benchmarks.Scenarios;

/// <summary>
/// S6 over real sidecar processes: one peer (gossip mode, so it leads every channel and holds a Deliver stream to the
/// orderer for each) joined to 1, 10 and 100 idle channels that a solo orderer serves, each count in a fresh network.
/// Resident memory (VmRSS) is read from /proc after a warm-up; the cost per idle channel is the slope between the
/// smallest and the largest count. Then, with the largest count, blocks are submitted on some channels and the peak
/// resident memory under that load is read.
/// </summary>
internal static class MemoryPerChannelGrpc
{
    private const double KibPerMb = 1024;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(10);

    public static async Task<ResultLine> RunAsync(BenchmarkArguments a)
    {
        var counts = (a.ChannelCounts ?? [1, 10, 100]).Order().Distinct().ToList();
        if (counts.Count < 2)
        {
            throw new ArgumentException("S6 needs at least two channel counts in --channels, e.g. 1,10,100.");
        }

        var rate = a.Rate ?? 10;
        var bytes = a.BlockBytes ?? 4096;
        var loaded = Math.Min(10, counts[^1]);
        // The same request on this process proves that it induces a gen-2 collection on this runtime.
        var gen2Before = GC.CollectionCount(2);
        var gcWorks = await InducedGc.CollectAsync(Environment.ProcessId, TimeSpan.FromSeconds(1)) && GC.CollectionCount(2) > gen2Before;
        Console.Error.WriteLine($"S6: inducing a full GC through the diagnostics socket {(gcWorks ? "works" : "does not work")} here");
        var runs = new List<IReadOnlyDictionary<string, double>>();
        for (var run = 0; run < a.Runs; run++)
        {
            runs.Add(await RunOnceAsync(a.Seed + run, counts, loaded, rate, bytes, gcWorks));
        }

        var line = new ResultLine()
            .Add("scenario", "S6").Add("transport", "grpc").Add("n", 1).Add("profile", a.Profile).Add("seed", a.Seed).Add("runs", a.Runs)
            .Add("channels", string.Join(',', counts));
        foreach (var count in counts)
        {
            line.AddMedians(runs, $"idle_rss_mb_{count}", $"managed_heap_mb_{count}", $"threads_{count}", $"idle_cpu_percent_{count}", $"idle_alloc_kib_per_s_{count}");
        }

        return line
            .AddMedians(runs, "idle_kib_per_channel", "idle_anon_kib_per_channel", "idle_managed_kib_per_channel", "loaded_rss_mb", "managed_heap_mb", "loaded_blocks_committed")
            .Add("loaded_channels", loaded).Add("loaded_rate_per_channel", rate).Add("block_bytes", bytes)
            .Add("full_gc_before_idle_reading", gcWorks)
            .Add("load_avg_1m", Math.Round(runs.Average(r => r["load_avg_1m"]), 2))
            .Add("note", "idle_cpu_percent and idle_alloc_kib_per_s: the idle peer's CPU (share of one core) and GC allocations over 10 s after the warm-up; VmRSS of the peer process from /proc after a 10 s idle warm-up, that window and an induced full GC (EventPipe GCHeapCollect through the diagnostics socket), median of 5 readings; idle_anon_kib_per_channel counts only RssAnon (memory not backed by a file); managed heap figures are the peer's GC heap from its admin /status (managed_heap_mb at the end of the load)");
    }

    private static async Task<Dictionary<string, double>> RunOnceAsync(int seed, List<int> counts, int loaded, double rate, int bytes, bool induceGc)
    {
        var result = new Dictionary<string, double> { ["load_avg_1m"] = ProcFs.LoadAverage() };
        foreach (var count in counts)
        {
            var channels = Enumerable.Range(1, count).Select(i => $"ch{i:D3}").ToList();
            Console.Error.WriteLine($"S6 grpc seed={seed}: one peer on {count} idle channels");
            await using var net = SidecarNetwork.Create(new NetworkSpec { Peers = 1, Channels = channels });
            net.StartAll();
            var peer = net.Peers[0];
            try
            {
                await WaitForLeadershipAsync(peer, count);
                await Task.Delay(WarmUp);
                var (cpuPercent, allocatedKibPerSecond) = await IdleWorkAsync(peer);
                result[$"idle_cpu_percent_{count}"] = cpuPercent;
                result[$"idle_alloc_kib_per_s_{count}"] = allocatedKibPerSecond;
                if (induceGc)
                {
                    await InducedGc.CollectAsync(peer.Process!.Id, TimeSpan.FromSeconds(2));
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }


                var idle = await MedianRssKibAsync(peer);
                result[$"idle_rss_mb_{count}"] = Math.Round(idle / KibPerMb, 1);
                result[$"idle_anon_kib_{count}"] = ProcFs.RssAnonKib(peer.Process!.Id);
                result[$"threads_{count}"] = ProcFs.Threads(peer.Process!.Id);
                result[$"managed_heap_mb_{count}"] = Math.Round(await ManagedHeapBytesAsync(peer) / KibPerMb / 1024, 1);
                Console.Error.WriteLine($"S6: {count} channels idle: {idle / KibPerMb:F1} MiB resident");
                if (count == counts[^1])
                {
                    var (peak, committed) = await LoadAsync(net, peer, channels.Take(loaded).ToList(), rate, bytes, seed);
                    result["loaded_rss_mb"] = Math.Round(peak / KibPerMb, 1);
                    result["managed_heap_mb"] = Math.Round(await ManagedHeapBytesAsync(peer) / KibPerMb / 1024, 1);
                    result["loaded_blocks_committed"] = committed;
                    Console.Error.WriteLine($"S6: {loaded} of {count} channels loaded: peak {peak / KibPerMb:F1} MiB resident, {committed} blocks committed");
                }
            }
            catch
            {
                await Console.Error.WriteLineAsync(net.Logs());
                throw;
            }
        }

        var low = counts[0];
        var high = counts[^1];
        result["idle_kib_per_channel"] = Math.Round((result[$"idle_rss_mb_{high}"] - result[$"idle_rss_mb_{low}"]) * KibPerMb / (high - low), 1);
        result["idle_managed_kib_per_channel"] = Math.Round((result[$"managed_heap_mb_{high}"] - result[$"managed_heap_mb_{low}"]) * KibPerMb / (high - low), 1);
        result["idle_anon_kib_per_channel"] = Math.Round((result[$"idle_anon_kib_{high}"] - result[$"idle_anon_kib_{low}"]) / (high - low), 1);
        return result;
    }

    /// <summary>Waits until the peer leads every channel, that is, it holds a Deliver stream to the orderer for each.</summary>
    private static async Task WaitForLeadershipAsync(SidecarNode peer, int count)
    {
        var start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start) < TimeSpan.FromSeconds(90))
        {
            if (peer.Process is { HasExited: true })
            {
                throw new InvalidOperationException($"{peer.Name} exited with code {peer.Process.ExitCode}.");
            }

            if (await SidecarNetwork.StatusAsync(peer) is { } status && status.Channels.Count == count && status.Channels.All(c => c.Leader))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        throw new TimeoutException($"S6: {peer.Name} did not lead its {count} channels within 90 s.");
    }

    /// <summary>The peer's GC heap, from its admin port's <c>/status</c>.</summary>
    private static async Task<double> ManagedHeapBytesAsync(SidecarNode peer) => (await MemoryStatusAsync(peer)).ManagedHeapBytes;

    /// <summary>What the idle peer does over <see cref="IdleWindow"/>: the share of one core it uses, and the garbage it
    /// makes (bytes allocated on its GC heap, from <c>/status</c>), per second.</summary>
    private static async Task<(double CpuPercent, double AllocatedKibPerSecond)> IdleWorkAsync(SidecarNode peer)
    {
        var pid = peer.Process!.Id;
        var cpuBefore = ProcFs.CpuSeconds(pid);
        var allocatedBefore = (await MemoryStatusAsync(peer)).AllocatedBytes;
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(IdleWindow);
        var allocatedAfter = (await MemoryStatusAsync(peer)).AllocatedBytes;
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpu = (ProcFs.CpuSeconds(pid) - cpuBefore) / seconds;
        return (Math.Round(cpu * 100, 1), Math.Round((allocatedAfter - allocatedBefore) / KibPerMb / seconds, 1));
    }

    private static async Task<(long ManagedHeapBytes, long AllocatedBytes)> MemoryStatusAsync(SidecarNode peer)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var document = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{peer.AdminPort}/status")));
        var memory = document.RootElement.GetProperty("memory");
        return (memory.GetProperty("managedHeapBytes").GetInt64(), memory.GetProperty("allocatedBytes").GetInt64());
    }

    private static async Task<double> MedianRssKibAsync(SidecarNode peer)
    {
        var samples = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            samples.Add(ProcFs.RssKib(peer.Process!.Id));
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        return Statistics.Median(samples);
    }

    /// <summary>Submits blocks on <paramref name="channels"/> at <paramref name="rate"/> each for the load duration, reading
    /// the peer's resident memory every 250 ms; returns the peak and the blocks the peer committed meanwhile.</summary>
    private static async Task<(double PeakKib, double Committed)> LoadAsync(SidecarNetwork net, SidecarNode peer, List<string> channels, double rate, int bytes, int seed)
    {
        var before = (await SidecarNetwork.StatusAsync(peer))!.Channels.Sum(c => (double)c.Height);
        using var stop = new CancellationTokenSource(LoadDuration);
        var senders = channels.Select((channel, i) => SubmitAtRateAsync(net, channel, rate, bytes, seed * 1000 + i, stop.Token)).ToList();
        double peak = 0;
        while (!stop.IsCancellationRequested)
        {
            peak = Math.Max(peak, ProcFs.RssKib(peer.Process!.Id));
            await Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None);
        }

        await Task.WhenAll(senders);
        await Task.Delay(TimeSpan.FromSeconds(1));
        peak = Math.Max(peak, ProcFs.RssKib(peer.Process!.Id));
        var after = (await SidecarNetwork.StatusAsync(peer))!.Channels.Sum(c => (double)c.Height);
        return (peak, after - before);
    }

    private static async Task SubmitAtRateAsync(SidecarNetwork net, string channel, double rate, int bytes, int seed, CancellationToken ct)
    {
        var random = new Random(seed);
        var payload = new byte[bytes];
        var start = Stopwatch.GetTimestamp();
        long sent = 0;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var due = (long)(Stopwatch.GetElapsedTime(start).TotalSeconds * rate) + 1;
                while (sent < due && !ct.IsCancellationRequested)
                {
                    random.NextBytes(payload);
                    await net.SubmitAsync(channel, ByteString.CopyFrom(payload), ct);
                    sent++;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(10), ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The load period is over.
        }
        catch (K8sGossip.Rpc.RpcException) when (ct.IsCancellationRequested)
        {
            // A submit cut short by the end of the load period.
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"S6: {channel}: {sent} blocks submitted"));
    }
}
