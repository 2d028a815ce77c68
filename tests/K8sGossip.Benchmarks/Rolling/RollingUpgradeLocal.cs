using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using K8sGossip.Operator.Local.Load;
using K8sGossip.Operator.Local.Runtime;
using K8sGossip.Operator.Planning;
using K8sGossip.Operator.Planning.Manifests;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Benchmarks.Rolling;

/// <summary>
/// S9: the local network of <c>examples/three-orgs</c> (what <c>k8sgossip up</c> runs: orderer and nine peer processes,
/// supervised), a steady transaction stream, and every peer restarted one by one as a rolling upgrade does: SIGTERM
/// (the peer leaves and hands leadership over), the supervisor starts it again, the next peer goes once it is back at
/// the orderer's height. Reports blocks missed after the stream settles, the longest time an organization had no
/// leader, and the longest stall of a peer that was not restarting.
/// </summary>
internal static class RollingUpgradeLocal
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    public static async Task<ResultLine> RunAsync(BenchmarkArguments a)
    {
        var runs = new List<IReadOnlyDictionary<string, double>>();
        for (var run = 0; run < a.Runs; run++)
        {
            runs.Add(await RunOnceAsync(a));
        }

        return new ResultLine()
            .Add("scenario", "S9").Add("transport", "grpc").Add("n", 9).Add("profile", "default").Add("seed", a.Seed).Add("runs", a.Runs)
            .Add("network", "examples/three-orgs").Add("tx_rate", TransactionRate(a)).Add("tx_bytes", a.BlockBytes ?? 1024)
            .AddMedians(runs, "blocks_missed", "max_leaderless_s", "max_stall_s", "max_restart_catchup_s", "blocks_per_s", "rolling_s")
            .Add("load_avg_1m", K8sGossip.Benchmarks.LocalNetwork.ProcFs.LoadAverage());
    }

    // Blocks are cut on the orderer's 200 ms batch timeout, so each channel gets up to 5 blocks/s while transactions
    // keep arriving: 20 transactions/s per channel gives the two channels of three-orgs about 10 blocks/s together.
    private static double TransactionRate(BenchmarkArguments a) => a.Rate ?? 40;

    private static async Task<IReadOnlyDictionary<string, double>> RunOnceAsync(BenchmarkArguments a)
    {
        var state = Directory.CreateTempSubdirectory("k8sgossip-s9-");
        try
        {
            var planning = NetworkPlanner.Plan(ManifestLoader.Load(ExamplePath()), new LocalTarget(state.FullName, FreePortBlock(29)));
            var plan = planning.Plan ?? throw new InvalidOperationException(string.Join("; ", planning.Errors.Select(e => e.Message)));
            var sidecar = K8sGossip.Testing.Processes.SidecarExecutable.Path;
            var settings = new UpSettings(0, new LoadOptions { Rate = TransactionRate(a), TransactionBytes = a.BlockBytes ?? 1024 });
            await using var host = await LocalNetworkHost.StartAsync(plan, sidecar, settings, TimeProvider.System, NullLoggerFactory.Instance, null, CancellationToken.None);
            await using var probe = new RollingUpgradeProbe(plan);
            probe.Start();

            await WaitAsync(() => probe.OrdererHeights.Count > 0 && probe.AllAtLeast(probe.OrdererHeights), TimeSpan.FromSeconds(120), "every peer at the orderer's height");
            await Task.Delay(TimeSpan.FromSeconds(5));
            probe.ResetMaxima();
            var startHeights = probe.OrdererHeights;
            var started = Stopwatch.GetTimestamp();
            double maxCatchUp = 0;
            foreach (var peer in plan.Peers)
            {
                var before = host.Supervisor.Find(peer.Name) ?? throw new InvalidOperationException($"{peer.Name} is not supervised");
                var pid = before.Pid ?? throw new InvalidOperationException($"{peer.Name} is not running");
                var restartedAt = Stopwatch.GetTimestamp();
                probe.Restarting(peer.Name);
                Console.Error.WriteLine($"S9: restarting {peer.Name} (pid {pid})");
                ProcessSignals.Terminate(pid);
                await WaitAsync(() => host.Supervisor.Find(peer.Name) is { Running: true, Pid: { } now } && now != pid, TimeSpan.FromSeconds(60), $"{peer.Name} to be started again");
                var target = probe.OrdererHeights;
                await WaitAsync(() => probe.AllAtLeast(target, peer.Name), TimeSpan.FromSeconds(120), $"{peer.Name} to catch up");
                maxCatchUp = Math.Max(maxCatchUp, Stopwatch.GetElapsedTime(restartedAt).TotalSeconds);
                probe.Restarting(null);
            }

            var rolling = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var endHeights = probe.OrdererHeights;
            var blocks = endHeights.Sum(h => (double)h.Value - startHeights.GetValueOrDefault(h.Key));
            var settled = Stopwatch.GetTimestamp();
            while (!probe.AllAtLeast(endHeights) && Stopwatch.GetElapsedTime(settled) < Settle)
            {
                await Task.Delay(100);
            }

            probe.Finish();
            var missed = Missing(plan, probe, endHeights);
            Console.Error.WriteLine($"S9: rolled {plan.Peers.Count} peers in {rolling:F1} s; {blocks} blocks cut meanwhile; missed {missed}; leaderless ≤ {probe.MaxLeaderlessSeconds:F2} s; stall ≤ {probe.MaxStallSeconds:F2} s; restart to caught up ≤ {maxCatchUp:F1} s");
            return new Dictionary<string, double>
            {
                ["blocks_missed"] = missed,
                ["max_leaderless_s"] = Math.Round(probe.MaxLeaderlessSeconds, 3),
                ["max_stall_s"] = Math.Round(probe.MaxStallSeconds, 3),
                ["max_restart_catchup_s"] = Math.Round(maxCatchUp, 3),
                ["blocks_per_s"] = Math.Round(blocks / rolling, 2),
                ["rolling_s"] = Math.Round(rolling, 1),
            };
        }
        finally
        {
            try
            {
                state.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a stopping process; the temporary directory is left behind.
            }
        }
    }

    /// <summary>Blocks below the orderer's height at the end of the rolling restart that a peer does not hold after settling.</summary>
    private static double Missing(NetworkPlan plan, RollingUpgradeProbe probe, IReadOnlyDictionary<string, ulong> heights)
    {
        double missing = 0;
        foreach (var peer in plan.Peers)
        {
            var organization = plan.Organizations.First(o => o.Name == peer.Organization);
            foreach (var channel in organization.Channels)
            {
                var own = probe.PeerHeights.GetValueOrDefault(peer.Name)?.GetValueOrDefault(channel) ?? 0;
                var target = heights.GetValueOrDefault(channel);
                missing += target > own ? target - own : 0;
            }
        }

        return missing;
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"S9: timed out after {timeout.TotalSeconds} s waiting for {what}");
            }

            await Task.Delay(50);
        }
    }

    private static string ExamplePath()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "examples", "three-orgs");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("examples/three-orgs was not found above the current or the benchmark's directory; run it from the repository.");
    }

    /// <summary>A base port with <paramref name="count"/> free consecutive ports on 127.0.0.1, below the ephemeral range.</summary>
    private static int FreePortBlock(int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var start = Random.Shared.Next(20000, 32000 - count);
            if (Enumerable.Range(start, count).All(IsFree))
            {
                return start;
            }
        }

        throw new InvalidOperationException("no block of free ports on 127.0.0.1");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
