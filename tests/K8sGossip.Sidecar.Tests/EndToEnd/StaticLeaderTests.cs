using K8sGossip.Sidecar.Tests.Network;

namespace K8sGossip.Sidecar.Tests.EndToEnd;

/// <summary>Gossip mode with static leaders (<c>orgLeader: true</c>): only the configured peer of each organization pulls.</summary>
[Collection(SidecarProcessCollection.Name)]
public sealed class StaticLeaderTests
{
    private const int Blocks = 50;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Configured_leaders_pull_and_their_followers_receive_every_block_by_gossip()
    {
        await using var network = new TestNetwork("gossip", staticLeaders: true);
        network.Start();
        using var cts = new CancellationTokenSource(Timeout);
        await network.EventuallyAsync(async () => (await network.StatusesAsync(network.Peers, cts.Token)).Count == network.Peers.Count, Timeout, "every peer's local API");
        await network.SubmitAsync(Blocks, cts.Token);
        await network.EventuallyAsync(
            async () => (await network.StatusesAsync(network.Peers, cts.Token)).Values.All(s => s.Channels.Single().Height >= Blocks),
            Timeout,
            "every peer to commit every block");

        var statuses = await network.StatusesAsync(network.Peers, cts.Token);
        foreach (var org in new[] { "Org1MSP", "Org2MSP" })
        {
            var peers = network.PeersOf(org).ToList();
            Assert.True(statuses[peers[0]].Channels.Single().Leader);
            Assert.Equal(["orderer"], statuses[peers[0]].Channels.Single().Sources);
            Assert.False(statuses[peers[1]].Channels.Single().Leader);
            Assert.Empty(statuses[peers[1]].Channels.Single().Sources);
        }
    }
}
