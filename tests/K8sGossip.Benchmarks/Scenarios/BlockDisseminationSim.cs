using K8sGossip.Gossip.Dissemination;
using K8sGossip.Gossip.Node;
using K8sGossip.Gossip.Simulation;

namespace K8sGossip.Benchmarks.Scenarios;

/// <summary>S1 on the simulated network: one org, one channel, one source publishing blocks at a fixed rate;
/// latency is virtual time from the source to the last peer, with a fixed per-hop delay.</summary>
internal static class BlockDisseminationSim
{
    public static ResultLine Run(BenchmarkArguments a)
    {
        var n = a.N ?? 100;
        var blocks = a.Blocks ?? 200;
        var rate = a.Rate ?? 20;
        var bytes = a.BlockBytes ?? 16 * 1024;
        var hopDelay = a.HopDelayMs ?? 1;
        var runs = new List<IReadOnlyDictionary<string, double>>();
        for (var run = 0; run < a.Runs; run++)
        {
            runs.Add(RunOnce(a, a.Seed + run, n, blocks, rate, bytes, hopDelay));
        }

        return new ResultLine()
            .Add("scenario", "S1").Add("transport", "sim").Add("n", n).Add("profile", a.Profile).Add("seed", a.Seed)
            .Add("runs", a.Runs).Add("block_bytes", bytes).Add("blocks", blocks).Add("rate", rate)
            .Add("hop_delay_ms", hopDelay).Add("pull", !a.NoPull)
            .AddMedians(runs, "p50_ms", "p99_ms", "max_ms", "delivered", "blocks_complete", "copies_per_peer", "bytes_per_peer_per_block", "cpu_s", "rss_mb");
    }

    internal static SimulatedCluster StartCluster(BenchmarkArguments a, int seed, int n, double hopDelayMs, int? presetView = null, Action<DisseminationOptions>? tune = null)
    {
        var profile = a.FabricDefaults ? GossipProfile.FabricDefaults : GossipProfile.Default;
        var dissemination = a.FabricDefaults ? DisseminationOptions.FabricDefaults() : new DisseminationOptions();
        dissemination.PullEnabled = !a.NoPull;
        tune?.Invoke(dissemination);
        var cluster = new SimulatedCluster(new SimulatedClusterOptions
        {
            Seed = seed,
            Organizations = [("Org1MSP", n)],
            Link = new LinkOptions(TimeSpan.FromMilliseconds(hopDelayMs), TimeSpan.Zero),
            Profile = profile,
            Dissemination = dissemination,
            PresetPartialView = presetView,
        });
        cluster.Start();
        if (!cluster.RunUntilChannelViewsComplete("ch1", TimeSpan.FromSeconds(300)) && presetView is null)
        {
            throw new InvalidOperationException($"Channel views of {n} nodes did not converge in 300 s of virtual time.");
        }

        return cluster;
    }

    private static Dictionary<string, double> RunOnce(BenchmarkArguments a, int seed, int n, int blocks, double rate, int bytes, double hopDelay)
    {
        Console.Error.WriteLine($"S1 sim n={n} profile={a.Profile} seed={seed}: starting");
        var cluster = StartCluster(a, seed, n, hopDelay);
        var source = cluster.Nodes[0];
        var receivers = cluster.Nodes.Skip(1).ToList();
        var recorder = new DeliveryRecorder(() => cluster.Time.Elapsed.TotalMilliseconds, receivers.Count);
        foreach (var node in receivers)
        {
            node.DataDelivered += d => recorder.Delivered(d.Seq, d.Hops);
        }

        var random = new Random(seed);
        var interval = TimeSpan.FromSeconds(1 / rate);
        for (var i = 0; i < blocks; i++)
        {
            var seq = (ulong)i;
            var data = new byte[bytes];
            random.NextBytes(data);
            cluster.Time.Schedule(interval * i, () =>
            {
                recorder.Published(seq);
                source.Publish("ch1", seq, data);
            });
        }

        var bytesBefore = cluster.Network.TotalStats().BytesSent;
        var cpuBefore = ProcessMetrics.Cpu();
        var copiesBefore = receivers.Sum(r => r.Dissemination("ch1").Stats.CopiesReceived);
        // Without pull, infect-and-die never completes: give push the same 10 s after the last block.
        var patience = a.NoPull ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(60);
        cluster.Time.RunUntil(() => recorder.AllDelivered(blocks), interval * blocks + patience);
        var result = recorder.Summarize(blocks);
        result["copies_per_peer"] = (double)(receivers.Sum(r => r.Dissemination("ch1").Stats.CopiesReceived) - copiesBefore) / ((double)receivers.Count * blocks);
        result["bytes_per_peer_per_block"] = Math.Round((double)(cluster.Network.TotalStats().BytesSent - bytesBefore) / ((double)n * blocks));
        result["cpu_s"] = Math.Round((ProcessMetrics.Cpu() - cpuBefore).TotalSeconds, 2);
        result["rss_mb"] = ProcessMetrics.PeakRssMb();
        Console.Error.WriteLine($"S1 sim seed={seed}: delivered {result["delivered"]:F4}, p99 {result["p99_ms"]:F1} ms, copies {result["copies_per_peer"]:F2}");
        return result;
    }
}
