using System.Diagnostics;
using K8sGossip.Benchmarks.LocalNetwork;
using K8sGossip.Sidecar.LocalApi.Protos;

namespace K8sGossip.Benchmarks.Scenarios;

/// <summary>
/// S4 over real sidecar processes: an orderer cutting a steady stream (10 blocks/s of 4 KiB by default) and one organization
/// of n = 4 peers in gossip mode with dynamic election. The leader is killed (SIGKILL); then the new leader is stopped
/// gracefully (SIGTERM). Leadership and heights are read from every peer's local API Status every 50 ms.
/// </summary>
internal static class LeaderFailoverGrpc
{
    private const string Channel = "bench";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public static async Task<ResultLine> RunAsync(BenchmarkArguments a)
    {
        var n = a.N ?? 4;
        if (n < 3)
        {
            throw new ArgumentException("S4 needs --n 3 or more: a crash and a graceful stop must leave a peer to lead.");
        }

        if (a.Election != "dynamic")
        {
            throw new ArgumentException("S4 over sidecar processes supports --election dynamic only: lease election needs a Kubernetes API server, which the sidecar executable does not reach here.");
        }

        var rate = (int)Math.Round(a.Rate ?? 10);
        var bytes = a.BlockBytes ?? 4096;
        var runs = new List<IReadOnlyDictionary<string, double>>();
        for (var run = 0; run < a.Runs; run++)
        {
            runs.Add(await RunOnceAsync(a, a.Seed + run, n, rate, bytes));
        }

        return new ResultLine()
            .Add("scenario", "S4").Add("transport", "grpc").Add("n", n).Add("profile", a.Profile).Add("election", a.Election)
            .Add("seed", a.Seed).Add("runs", a.Runs).Add("rate", rate).Add("block_bytes", bytes)
            .AddMedians(runs, "failover_s", "resume_s", "graceful_gap_s", "graceful_handover_s", "blocks_missed")
            .Add("blocks_missed_max", runs.Max(r => r["blocks_missed"]))
            .Add("load_avg_1m", Math.Round(runs.Average(r => r["load_avg_1m"]), 2))
            .Add("poll_ms", (int)Poll.TotalMilliseconds)
            .Add("note", "peer.gossip.state.enabled is set true in both profiles, as in Fabric 1.4 with leader election, so a follower far behind catches up from a peer");
    }

    private static async Task<Dictionary<string, double>> RunOnceAsync(BenchmarkArguments a, int seed, int n, int rate, int bytes)
    {
        Console.Error.WriteLine($"S4 grpc profile={a.Profile} seed={seed}: {n} peers, {rate} blocks/s of {bytes} bytes");
        await using var net = SidecarNetwork.Create(new NetworkSpec { Peers = n, Profile = a.Profile, Election = a.Election, GeneratorRate = rate, GeneratorBlockBytes = bytes, StateTransfer = true });
        net.StartAll();
        try
        {
            // Fabric's profile listens 15 s before the first election.
            var leader = await WaitForSteadyLeaderAsync(net.Peers, TimeSpan.FromSeconds(a.FabricDefaults ? 90 : 60));
            var survivors = net.Peers.Where(p => p != leader).ToList();
            var load = ProcFs.LoadAverage();

            // Crash: SIGKILL the leader. Blocks flow again once a survivor holds a block the orderer cut after the kill
            // (its height is read right after it): blocks the dead leader had received or pushed before it died still
            // spread among the survivors for a while, so a follower's height alone would report a resume before any new
            // leader exists.
            var killed = Stopwatch.GetTimestamp();
            leader.Process!.Kill();
            var heightAtKill = await net.OrdererHeightAsync(Channel) ?? throw new InvalidOperationException("S4: the orderer does not answer.");
            Console.Error.WriteLine($"S4: killed leader {leader.Name} at orderer height {heightAtKill}");
            double? failover = null;
            double? resume = null;
            SidecarNode? newLeader = null;
            var patience = TimeSpan.FromSeconds(a.FabricDefaults ? 90 : 45);
            while ((failover is null || resume is null) && Stopwatch.GetElapsedTime(killed) < patience)
            {
                var statuses = await SidecarNetwork.StatusesAsync(survivors);
                var elapsed = Stopwatch.GetElapsedTime(killed).TotalSeconds;
                for (var i = 0; i < survivors.Count; i++)
                {
                    if (failover is null && Leader(statuses[i]))
                    {
                        failover = elapsed;
                        newLeader = survivors[i];
                    }

                    if (resume is null && Height(statuses[i]) > heightAtKill)
                    {
                        resume = elapsed;
                    }
                }

                await Task.Delay(Poll);
            }

            if (newLeader is null || resume is null)
            {
                throw new TimeoutException($"S4: no new leader or no blocks within {patience.TotalSeconds} s of the crash.");
            }

            Console.Error.WriteLine($"S4: {newLeader.Name} leads after {failover:F2} s, blocks flow after {resume:F2} s");

            // Graceful: SIGTERM the new leader once it is steady; measure the longest stretch with no peer reporting leader.
            newLeader = await WaitForSteadyLeaderAsync(survivors, TimeSpan.FromSeconds(60));
            var remaining = survivors.Where(p => p != newLeader).ToList();
            var stopped = newLeader;
            var stopping = Stopwatch.GetTimestamp();
            stopped.Process!.Terminate();
            double? leaderlessSince = null;
            double longestGap = 0;
            double? handover = null;
            while (handover is null && Stopwatch.GetElapsedTime(stopping) < patience)
            {
                var statuses = await SidecarNetwork.StatusesAsync(survivors);
                var elapsed = Stopwatch.GetElapsedTime(stopping).TotalSeconds;
                if (statuses.Any(Leader))
                {
                    // A stretch runs from the first poll that saw no leader to the first that saw one again.
                    if (leaderlessSince is { } since)
                    {
                        longestGap = Math.Max(longestGap, elapsed - since);
                        leaderlessSince = null;
                    }

                    var next = remaining.FindIndex(p => Leader(statuses[survivors.IndexOf(p)]));
                    if (next >= 0)
                    {
                        handover = elapsed;
                        newLeader = remaining[next];
                    }
                }
                else
                {
                    leaderlessSince ??= elapsed;
                }

                await Task.Delay(Poll);
            }

            if (handover is null)
            {
                throw new TimeoutException($"S4: no leader within {patience.TotalSeconds} s of the graceful stop.");
            }

            var exited = await stopped.Process.WaitForExitAsync(TimeSpan.FromSeconds(20));
            if (longestGap > 0.5)
            {
                // A handover should leave no gap: show what the election said, to tell which timer ran out.
                foreach (var peer in survivors)
                {
                    var lines = peer.Process!.Tail(400).Split('\n').Where(l => l.Contains("Election", StringComparison.Ordinal) || l.Contains("leader", StringComparison.OrdinalIgnoreCase)).TakeLast(8);
                    Console.Error.WriteLine(string.Join('\n', lines));
                }
            }

            var gap = longestGap;
            Console.Error.WriteLine($"S4: graceful handover to {newLeader.Name} after {handover:F2} s, longest leaderless stretch {gap:F2} s, stopped peer exited={exited} code={(exited ? stopped.Process.ExitCode : -1)}");

            // Settle, then every surviving peer must hold every block up to the orderer's height at that moment.
            await Task.Delay(TimeSpan.FromSeconds(3));
            var ordererHeight = await net.OrdererHeightAsync(Channel) ?? throw new InvalidOperationException("S4: the orderer does not answer.");
            var settling = Stopwatch.GetTimestamp();
            while (Stopwatch.GetElapsedTime(settling) < TimeSpan.FromSeconds(30))
            {
                var statuses = await SidecarNetwork.StatusesAsync(remaining);
                if (statuses.All(s => Height(s) >= ordererHeight))
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }

            ulong missed = 0;
            foreach (var peer in remaining)
            {
                var held = await SidecarNetwork.BlocksHeldAsync(peer, Channel, ordererHeight, TimeSpan.FromSeconds(30));
                missed += ordererHeight - held;
            }

            Console.Error.WriteLine($"S4: orderer height {ordererHeight}, blocks missing on {remaining.Count} surviving peers: {missed}");
            return new Dictionary<string, double>
            {
                ["failover_s"] = Math.Round(failover!.Value, 3),
                ["resume_s"] = Math.Round(resume.Value, 3),
                ["graceful_gap_s"] = Math.Round(gap, 3),
                ["graceful_handover_s"] = Math.Round(handover.Value, 3),
                ["blocks_missed"] = missed,
                ["load_avg_1m"] = load,
            };
        }
        catch
        {
            await Console.Error.WriteLineAsync(net.Logs());
            throw;
        }
    }

    /// <summary>Waits until exactly one of <paramref name="peers"/> leads and every one of them has committed blocks recently
    /// (heights within two seconds of the stream of each other), then returns the leader.</summary>
    private static async Task<SidecarNode> WaitForSteadyLeaderAsync(List<SidecarNode> peers, TimeSpan timeout)
    {
        var start = Stopwatch.GetTimestamp();
        ulong firstSeen = 0;
        var last = string.Empty;
        while (Stopwatch.GetElapsedTime(start) < timeout)
        {
            if (peers.FirstOrDefault(p => p.Process is { HasExited: true }) is { } crashed)
            {
                throw new InvalidOperationException($"{crashed.Name} exited with code {crashed.Process!.ExitCode}.");
            }

            var statuses = await SidecarNetwork.StatusesAsync(peers);
            var leaders = Enumerable.Range(0, peers.Count).Where(i => Leader(statuses[i])).ToList();
            var heights = statuses.Select(Height).ToList();
            last = string.Join(", ", Enumerable.Range(0, peers.Count).Select(i => $"{peers[i].Name} height {heights[i]}{(Leader(statuses[i]) ? " leader" : "")}"));
            if (firstSeen == 0 && heights.Min() > 0)
            {
                firstSeen = heights.Min();
            }

            // Steady: one leader, every peer past where it was when first seen by 20 blocks, and within 20 of each other.
            if (leaders.Count == 1 && firstSeen > 0 && heights.Min() >= firstSeen + 20 && heights.Max() - heights.Min() <= 20)
            {
                return peers[leaders[0]];
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        throw new TimeoutException($"S4: no steady leader within {timeout.TotalSeconds} s; last seen: {last}.");
    }

    private static bool Leader(StatusReply? status) => status?.Channels.FirstOrDefault()?.Leader ?? false;

    private static ulong Height(StatusReply? status) => status?.Channels.FirstOrDefault()?.Height ?? 0;
}
