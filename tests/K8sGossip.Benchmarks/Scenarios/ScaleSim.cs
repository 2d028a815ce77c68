using System.Diagnostics;

namespace K8sGossip.Benchmarks.Scenarios;

/// <summary>S7: block dissemination among 1,000 to 10,000 simulated nodes of one org. Membership is pre-seeded as a
/// bounded random partial view per node (full membership among 10,000 nodes costs O(n²)); StateInfo, the
/// channel views, push and pull run as in production over those views.</summary>
internal static class ScaleSim
{
    private const int PartialView = 8;

    public static ResultLine Run(BenchmarkArguments a)
    {
        var n = a.N ?? 1000;
        var blocks = a.Blocks ?? 10;
        var rate = a.Rate ?? 2;
        var bytes = a.BlockBytes ?? 16 * 1024;
        var hopDelay = a.HopDelayMs ?? 1;
        var runs = new List<IReadOnlyDictionary<string, double>>();
        for (var run = 0; run < a.Runs; run++)
        {
            runs.Add(RunOnce(a, a.Seed + run, n, blocks, rate, bytes, hopDelay));
        }

        return new ResultLine()
            .Add("scenario", "S7").Add("transport", "sim").Add("n", n).Add("profile", a.Profile).Add("seed", a.Seed)
            .Add("runs", a.Runs).Add("block_bytes", bytes).Add("blocks", blocks).Add("rate", rate).Add("hop_delay_ms", hopDelay)
            .AddMedians(runs, "delivered", "max_hops", "p99_hops", "copies_per_peer", "sim_msgs_per_wall_s", "wall_s_per_block", "setup_wall_s", "rss_mb")
            .Add("note", $"membership pre-seeded: each node gets a fixed symmetric random sample of about {PartialView} peers instead of running membership convergence; StateInfo, channel views, push and pull run normally over it");
    }

    private static Dictionary<string, double> RunOnce(BenchmarkArguments a, int seed, int n, int blocks, double rate, int bytes, double hopDelay)
    {
        Console.Error.WriteLine($"S7 sim n={n} seed={seed}: building");
        var setup = Stopwatch.StartNew();
        var cluster = BlockDisseminationSim.StartCluster(a, seed, n, hopDelay, PartialView, o => o.StoreMaxCount = 16);
        cluster.Time.RunUntil(
            () => cluster.Nodes.All(node => node.Channel("ch1").View.Members.Length >= node.Membership.Current.Members.Length),
            TimeSpan.FromSeconds(30));
        var setupWall = setup.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"S7 sim n={n}: ready after {setupWall:F1} s wall");

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

        var framesBefore = cluster.Network.TotalStats().FramesReceived;
        var copiesBefore = receivers.Sum(r => r.Dissemination("ch1").Stats.CopiesReceived);
        var wall = Stopwatch.StartNew();
        cluster.Time.RunUntil(() => recorder.AllDelivered(blocks), interval * blocks + TimeSpan.FromSeconds(30));
        var wallSeconds = wall.Elapsed.TotalSeconds;
        var result = recorder.Summarize(blocks);
        result["copies_per_peer"] = (double)(receivers.Sum(r => r.Dissemination("ch1").Stats.CopiesReceived) - copiesBefore) / ((double)receivers.Count * blocks);
        result["sim_msgs_per_wall_s"] = Math.Round((cluster.Network.TotalStats().FramesReceived - framesBefore) / wallSeconds);
        result["wall_s_per_block"] = Math.Round(wallSeconds / blocks, 3);
        result["setup_wall_s"] = Math.Round(setupWall, 1);
        result["rss_mb"] = ProcessMetrics.PeakRssMb();
        Console.Error.WriteLine($"S7 sim n={n} seed={seed}: delivered {result["delivered"]:F4}, max hops {result["max_hops"]}, {result["wall_s_per_block"]} s wall per block");
        return result;
    }
}
