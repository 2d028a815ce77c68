using K8sGossip.Gossip.Membership;
using K8sGossip.Gossip.Node;
using K8sGossip.Gossip.Simulation;

namespace K8sGossip.Benchmarks.Scenarios;

/// <summary>S2: n peers, each bootstrapped to peer 0 only; the time until every peer sees all n−1 others alive.</summary>
internal static partial class MembershipConvergence
{
    public static ResultLine RunSim(BenchmarkArguments a)
    {
        var n = a.N ?? 30;
        var runs = new List<IReadOnlyDictionary<string, double>>();
        for (var run = 0; run < a.Runs; run++)
        {
            var seed = a.Seed + run;
            var cluster = new SimulatedCluster(new SimulatedClusterOptions
            {
                Seed = seed,
                Organizations = [("Org1MSP", n)],
                Link = new LinkOptions(TimeSpan.FromMilliseconds(a.HopDelayMs ?? 1), TimeSpan.Zero),
                Profile = a.FabricDefaults ? GossipProfile.FabricDefaults : GossipProfile.Default,
            });
            cluster.Start();
            var converged = cluster.Time.RunUntil(() => Converged(cluster.Nodes), TimeSpan.FromSeconds(600));
            var seconds = converged ? cluster.Time.Elapsed.TotalSeconds : double.NaN;
            Console.Error.WriteLine($"S2 sim n={n} seed={seed}: converged={converged} after {seconds:F2} s");
            runs.Add(new Dictionary<string, double> { ["converge_s"] = Math.Round(seconds, 3) });
        }

        return new ResultLine()
            .Add("scenario", "S2").Add("transport", "sim").Add("n", n).Add("profile", a.Profile).Add("seed", a.Seed).Add("runs", a.Runs)
            .Add("hop_delay_ms", a.HopDelayMs ?? 1)
            .AddMedians(runs, "converge_s");
    }

    /// <summary>Every node sees every other node alive.</summary>
    internal static bool Converged(IReadOnlyList<GossipNode> nodes) =>
        nodes.All(node => node.Membership.Current.Members.Count(m => m.State == PeerLiveness.Alive) >= nodes.Count - 1);
}
