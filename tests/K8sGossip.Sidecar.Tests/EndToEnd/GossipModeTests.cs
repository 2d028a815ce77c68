using K8sGossip.Sidecar.LocalApi.Protos;
using K8sGossip.Sidecar.Tests.Network;

namespace K8sGossip.Sidecar.Tests.EndToEnd;

/// <summary>Gossip mode: one elected leader per organization pulls from the orderer; the other peers receive by gossip.</summary>
[Collection(SidecarProcessCollection.Name)]
public sealed class GossipModeTests(GossipModeNetworkFixture fixture) : IClassFixture<GossipModeNetworkFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TestNetwork _network = fixture.Network;

    [Fact]
    public async Task Followers_receive_every_block_by_gossip_with_the_leaders_hashes()
    {
        await WaitForOneLeaderPerOrganizationAsync(_network.Peers.Where(p => !p.ExpectedToExit).ToList());
        var live = _network.Peers.Where(p => !p.ExpectedToExit).ToList();
        var chains = new List<List<string>>();
        foreach (var peer in live)
        {
            var blocks = await LocalApiReader.BlocksAsync(_network.LocalApi(peer), 0, GossipModeNetworkFixture.Blocks, Timeout);
            Assert.Equal(Enumerable.Range(0, GossipModeNetworkFixture.Blocks).Select(i => (ulong)i), blocks.Select(b => b.Number));
            chains.Add([.. blocks.Select(b => b.HeaderHash.ToBase64())]);
        }

        Assert.All(chains, chain => Assert.Equal(chains[0], chain));
    }

    [Fact]
    public async Task A_terminated_leader_exits_0_and_hands_over_to_the_other_peer_of_its_organization()
    {
        var org1 = _network.PeersOf("Org1MSP").ToList();
        await WaitForOneLeaderPerOrganizationAsync(_network.Peers);
        var statuses = await _network.StatusesAsync(org1, CancellationToken.None);
        var leader = statuses.Single(s => s.Value.Channels.Single().Leader).Key;
        var successor = org1.Single(p => p != leader);

        leader.ExpectedToExit = true;
        leader.Process!.Terminate();
        Assert.True(await leader.Process.WaitForExitAsync(TimeSpan.FromSeconds(20)), $"{leader.Name} did not exit after SIGTERM.\n{_network.Logs()}");
        Assert.True(leader.Process.ExitCode == 0, $"{leader.Name} exited with {leader.Process.ExitCode}.\n{leader.Process.Output}");
        Assert.Contains("leaving: handing over leadership", leader.Process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("fail:", leader.Process.Output, StringComparison.Ordinal);

        await _network.EventuallyAsync(
            async () => (await _network.StatusesAsync([successor], CancellationToken.None))[successor].Channels.Single().Leader,
            Timeout,
            $"{successor.Name} to take over leadership");

        // Blocks keep flowing to the organization through its new leader.
        var remaining = _network.Peers.Where(p => p != leader).ToList();
        var before = (await _network.StatusesAsync(remaining, CancellationToken.None)).Values.Max(s => s.Channels.Single().Height);
        using var cts = new CancellationTokenSource(Timeout);
        await _network.SubmitAsync(10, cts.Token);
        await _network.EventuallyAsync(
            async () => (await _network.StatusesAsync(remaining, CancellationToken.None)).Values.All(s => s.Channels.Single().Height >= before + 10),
            Timeout,
            "the remaining peers to commit the new blocks");
    }

    private async Task WaitForOneLeaderPerOrganizationAsync(IReadOnlyList<TestNode> peers)
    {
        await _network.EventuallyAsync(
            async () =>
            {
                var statuses = await _network.StatusesAsync(peers, CancellationToken.None);
                return statuses.GroupBy(s => s.Key.MspId).All(g => g.Count(s => s.Value.Channels.Single().Leader) == 1);
            },
            Timeout,
            "exactly one leader per organization");
    }
}
