using K8sGossip.Gossip.Membership;
using K8sGossip.Gossip.Node;
using K8sGossip.Gossip.Simulation;

namespace K8sGossip.Benchmarks.Scenarios;

/// <summary>S3 on the simulated network: the time until every survivor marks a crashed peer dead, and how many
/// live peers are wrongly declared dead during 10 minutes with 5% loss on every link.</summary>
internal static class FailureDetectionSim
{
    public static ResultLine Run(BenchmarkArguments a)
    {
        var n = a.N ?? 10;
        var runs = new List<IReadOnlyDictionary<string, double>>();
        for (var run = 0; run < a.Runs; run++)
        {
            var seed = a.Seed + run;
            var detect = DetectSeconds(a, seed, n);
            var falseDead = FalseDead(a, seed, n);
            Console.Error.WriteLine($"S3 sim n={n} seed={seed}: detect {detect:F2} s, false dead {falseDead}");
            runs.Add(new Dictionary<string, double> { ["detect_s"] = Math.Round(detect, 3), ["false_dead"] = falseDead });
        }

        return new ResultLine()
            .Add("scenario", "S3").Add("transport", "sim").Add("n", n).Add("profile", a.Profile).Add("seed", a.Seed).Add("runs", a.Runs)
            .Add("hop_delay_ms", a.HopDelayMs ?? 1).Add("loss_for_false_dead", 0.05).Add("false_dead_window_s", 600)
            .AddMedians(runs, "detect_s", "false_dead");
    }

    private static SimulatedCluster Converged(BenchmarkArguments a, int seed, int n)
    {
        var cluster = new SimulatedCluster(new SimulatedClusterOptions
        {
            Seed = seed,
            Organizations = [("Org1MSP", n)],
            Link = new LinkOptions(TimeSpan.FromMilliseconds(a.HopDelayMs ?? 1), TimeSpan.Zero),
            Profile = a.FabricDefaults ? GossipProfile.FabricDefaults : GossipProfile.Default,
        });
        cluster.Start();
        if (!cluster.Time.RunUntil(() => MembershipConvergence.Converged(cluster.Nodes), TimeSpan.FromSeconds(600)))
        {
            throw new InvalidOperationException($"Membership of {n} nodes did not converge.");
        }

        cluster.Time.Advance(TimeSpan.FromSeconds(10)); // settle: probes and alive messages in their steady state
        return cluster;
    }

    private static double DetectSeconds(BenchmarkArguments a, int seed, int n)
    {
        var cluster = Converged(a, seed, n);
        var victim = cluster.Nodes[^1];
        var survivors = cluster.Nodes.Take(n - 1).ToList();
        var crashedAt = cluster.Time.Elapsed;
        cluster.Crash(victim);
        var detected = cluster.Time.RunUntil(
            () => survivors.All(s => !s.Membership.Current.TryGet(victim.Identity.PkiId, out var m) || m.State == PeerLiveness.Dead),
            TimeSpan.FromSeconds(120));
        return detected ? (cluster.Time.Elapsed - crashedAt).TotalSeconds : double.NaN;
    }

    private static int FalseDead(BenchmarkArguments a, int seed, int n)
    {
        var cluster = Converged(a, seed + 1000, n);
        cluster.Network.Defaults = cluster.Network.Defaults with { LossProbability = 0.05 };
        var declarations = 0;
        foreach (var node in cluster.Nodes)
        {
            var dead = new HashSet<Gossip.Identity.PkiId>();
            node.Membership.Changed += snapshot =>
            {
                foreach (var member in snapshot.Members)
                {
                    if (member.State == PeerLiveness.Dead)
                    {
                        if (dead.Add(member.PkiId))
                        {
                            declarations++;
                        }
                    }
                    else
                    {
                        dead.Remove(member.PkiId);
                    }
                }
            };
        }

        cluster.Time.Advance(TimeSpan.FromMinutes(10));
        return declarations;
    }
}
