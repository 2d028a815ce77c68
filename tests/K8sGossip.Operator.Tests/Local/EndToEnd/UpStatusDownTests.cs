using System.Diagnostics;
using System.Text.Json;
using K8sGossip.Operator.Local.Runtime;
using K8sGossip.Operator.Local.Status;
using Xunit.Abstractions;

namespace K8sGossip.Operator.Tests.Local.EndToEnd;

/// <summary>The acceptance path through the real command line: <c>up --detach</c> on three-orgs, <c>status --output json</c>,
/// a peer killed with SIGKILL and restarted by the supervisor, and <c>down</c> leaving no process.</summary>
[Collection(LocalNetworkCollection.Name)]
public sealed class UpStatusDownTests(ITestOutputHelper output)
{
    private const int ThreeOrgsPorts = 2 + (9 * 3);
    private static readonly TimeSpan ConvergenceBound = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Three_orgs_come_up_converge_survive_a_killed_peer_and_go_down_without_leftovers()
    {
        await using var network = new BackgroundNetwork("three-orgs", ThreeOrgsPorts);
        var watch = Stopwatch.StartNew();

        var up = await network.UpAsync();
        Assert.True(up.ExitCode == 0, up.ToString() + network.Logs());
        Assert.Contains("dashboard: http://127.0.0.1:", up.Output, StringComparison.Ordinal);
        output.WriteLine($"up --detach returned after {watch.Elapsed.TotalSeconds:0.0} s");

        // Every peer alive, and a leader per organization in the gossip channel, none in the adaptive one. The bound is
        // ConvergenceBound from the start of up: the goal is 30 s, and the margin is for a shared, loaded test machine;
        // the time it took is written to the test output.
        var converged = await network.EventuallyAsync(
            s => AllPeers(s).Count() == 9 && AllPeers(s).All(p => p.State == PeerStates.Alive) && LeadersAreRight(s),
            ConvergenceBound - watch.Elapsed,
            "9 alive peers with one leader per organization in trade");
        output.WriteLine($"all 9 peers alive with leaders after {watch.Elapsed.TotalSeconds:0.0} s");

        // Every peer reaches the heights the orderer had at that moment.
        var target = converged.Channels.ToDictionary(c => c.Name, c => c.OrdererHeight);
        Assert.All(target.Values, h => Assert.True(h > 0, "the orderer cuts blocks from the submitted transactions"));
        await network.EventuallyAsync(
            s => AllPeers(s).All(p => p.Channels.All(c => c.Value >= target[c.Key])),
            TimeSpan.FromSeconds(60),
            $"every peer at the orderer's heights {string.Join(", ", target)}");
        output.WriteLine($"all peers at the orderer's height (taken at convergence) after {watch.Elapsed.TotalSeconds:0.0} s from up");

        // status --output json says the same, in its stable shape.
        var status = await network.StatusJsonAsync();
        Assert.True(status.ExitCode == 0, status.ToString());
        using (var json = JsonDocument.Parse(status.Output))
        {
            Assert.True(json.RootElement.GetProperty("ordererHeight").GetUInt64() >= target.Values.Max());
            var peers = json.RootElement.GetProperty("organizations").EnumerateArray().SelectMany(o => o.GetProperty("peers").EnumerateArray()).ToList();
            Assert.Equal(9, peers.Count);
            Assert.All(peers, p => Assert.Equal("alive", p.GetProperty("state").GetString()));
            Assert.All(peers, p => Assert.True(p.GetProperty("height").GetUInt64() >= target.Values.Min()));
            var tradeLeaders = peers.Where(p => p.GetProperty("leaderOf").EnumerateArray().Any(c => c.GetString() == "trade")).Select(p => p.GetProperty("name").GetString()!).ToList();
            Assert.Equal(["org1", "org2"], tradeLeaders.Select(n => n[..n.IndexOf('-', StringComparison.Ordinal)]).Order(StringComparer.Ordinal));
            Assert.DoesNotContain(peers, p => p.GetProperty("leaderOf").EnumerateArray().Any(c => c.GetString() == "audit"));
        }

        var run = network.Run();
        Assert.Equal(10, run.Nodes.Count);
        foreach (var node in run.Nodes.Where(n => n.Name != "orderer"))
        {
            output.WriteLine($"RSS {node.Name}: {ProcessSignals.ResidentMemoryMb(node.Pid!.Value):0.0} MiB");
        }

        output.WriteLine($"RSS orderer: {ProcessSignals.ResidentMemoryMb(run.Nodes.Single(n => n.Name == "orderer").Pid!.Value):0.0} MiB");

        // kill -9 one peer: it shows dead, then alive again once the supervisor restarted it.
        var victim = run.Nodes.Single(n => n.Name == "org2-1");
        Assert.True(ProcessSignals.Kill(victim.Pid!.Value));
        await network.EventuallyAsync(s => Peer(s, "org2-1").State == PeerStates.Dead, TimeSpan.FromSeconds(20), "org2-1 dead", TimeSpan.FromMilliseconds(100));
        var back = await network.EventuallyAsync(
            s => Peer(s, "org2-1") is { State: PeerStates.Alive, Restarts: >= 1 } p && p.Pid != victim.Pid,
            TimeSpan.FromSeconds(60),
            "org2-1 restarted and alive");
        Assert.True(ProcessSignals.IsAlive(Peer(back, "org2-1").Pid!.Value));
        var afterRestart = await network.StatusJsonAsync();
        Assert.True(afterRestart.ExitCode == 0, afterRestart.ToString());
        Assert.Equal("alive", Peer(NetworkStatusJson.Deserialize(afterRestart.Output), "org2-1").State);

        // down stops everything: the supervisor and every node it ever ran.
        var pids = network.Run();
        var down = await network.DownAsync();
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.False(File.Exists(network.RunFilePath));
        Assert.Empty(network.LivePids());
        Assert.DoesNotContain(pids.Nodes.Select(n => n.Pid).Append(pids.SupervisorPid), p => p is { } pid && ProcessSignals.IsAlive(pid));

        var stopped = await network.StatusJsonAsync();
        Assert.Equal(3, stopped.ExitCode);
    }

    private static IEnumerable<PeerStatusView> AllPeers(NetworkStatus status) => status.Organizations.SelectMany(o => o.Peers);

    private static PeerStatusView Peer(NetworkStatus status, string name) => AllPeers(status).Single(p => p.Name == name);

    private static bool LeadersAreRight(NetworkStatus status)
    {
        var peers = AllPeers(status).ToList();
        foreach (var organization in new[] { "org1", "org2" })
        {
            if (peers.Count(p => p.Name.StartsWith(organization + "-", StringComparison.Ordinal) && p.LeaderOf.Contains("trade")) != 1)
            {
                return false;
            }
        }

        return !peers.Any(p => p.LeaderOf.Contains("audit") || (p.Name.StartsWith("org3-", StringComparison.Ordinal) && p.LeaderOf.Count > 0));
    }
}
