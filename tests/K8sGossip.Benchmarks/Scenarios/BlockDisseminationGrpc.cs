using System.Diagnostics;

namespace K8sGossip.Benchmarks.Scenarios;

/// <summary>S1 over real sockets: n nodes on 127.0.0.1 with mutual TLS, one source publishing blocks at a fixed rate;
/// latency is wall time from the source's publish to the last peer's delivery.</summary>
internal static class BlockDisseminationGrpc
{
    public static async Task<ResultLine> RunAsync(BenchmarkArguments a)
    {
        var n = a.N ?? 10;
        var blocks = a.Blocks ?? 200;
        var rate = a.Rate ?? 20;
        var bytes = a.BlockBytes ?? 16 * 1024;
        var runs = new List<IReadOnlyDictionary<string, double>>();
        for (var run = 0; run < a.Runs; run++)
        {
            runs.Add(await RunOnceAsync(a, a.Seed + run, n, blocks, rate, bytes));
        }

        return new ResultLine()
            .Add("scenario", "S1").Add("transport", "grpc").Add("n", n).Add("profile", a.Profile).Add("seed", a.Seed)
            .Add("runs", a.Runs).Add("block_bytes", bytes).Add("blocks", blocks).Add("rate", rate).Add("pull", !a.NoPull)
            .AddMedians(runs, "p50_ms", "p99_ms", "max_ms", "delivered", "blocks_complete", "copies_per_peer", "bytes_per_peer_per_block", "cpu_s", "rss_mb")
            .Add("bytes_basis", "block payload bytes sent by push, graft and pull, per peer per block");
    }

    private static async Task<Dictionary<string, double>> RunOnceAsync(BenchmarkArguments a, int seed, int n, int blocks, double rate, int bytes)
    {
        Console.Error.WriteLine($"S1 grpc n={n} profile={a.Profile} seed={seed}: starting");
        await using var cluster = await GrpcCluster.StartAsync(a, seed, n);
        if (!await GrpcCluster.WaitAsync(() => cluster.Nodes.All(node => node.Channel("ch1").View.Members.Length >= n - 1), TimeSpan.FromSeconds(60)))
        {
            throw new InvalidOperationException($"Channel views of {n} gRPC nodes did not converge in 60 s.");
        }

        var source = cluster.Nodes[0];
        var receivers = cluster.Nodes.Skip(1).ToList();
        var recorder = new DeliveryRecorder(() => Stopwatch.GetElapsedTime(0).TotalMilliseconds, receivers.Count);
        foreach (var node in receivers)
        {
            node.DataDelivered += d => recorder.Delivered(d.Seq, d.Hops);
        }

        var random = new Random(seed);
        var payloads = Enumerable.Range(0, blocks).Select(_ =>
        {
            var data = new byte[bytes];
            random.NextBytes(data);
            return data;
        }).ToList();
        var sentBefore = cluster.Nodes.Sum(node => node.Dissemination("ch1").Stats.DataBytesSent);
        var copiesBefore = receivers.Sum(r => r.Dissemination("ch1").Stats.CopiesReceived);
        var cpuBefore = ProcessMetrics.Cpu();
        var interval = TimeSpan.FromSeconds(1 / rate);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < blocks; i++)
        {
            var due = interval * i - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            recorder.Published((ulong)i);
            source.Publish("ch1", (ulong)i, payloads[i]);
        }

        var patience = a.NoPull ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(30);
        await GrpcCluster.WaitAsync(() => recorder.AllDelivered(blocks), patience);
        var result = recorder.Summarize(blocks);
        result["copies_per_peer"] = (double)(receivers.Sum(r => r.Dissemination("ch1").Stats.CopiesReceived) - copiesBefore) / ((double)receivers.Count * blocks);
        result["bytes_per_peer_per_block"] = Math.Round((double)(cluster.Nodes.Sum(node => node.Dissemination("ch1").Stats.DataBytesSent) - sentBefore) / ((double)n * blocks));
        result["cpu_s"] = Math.Round((ProcessMetrics.Cpu() - cpuBefore).TotalSeconds, 2);
        result["rss_mb"] = ProcessMetrics.PeakRssMb();
        Console.Error.WriteLine($"S1 grpc seed={seed}: delivered {result["delivered"]:F4}, p99 {result["p99_ms"]:F1} ms, copies {result["copies_per_peer"]:F2}");
        return result;
    }
}
