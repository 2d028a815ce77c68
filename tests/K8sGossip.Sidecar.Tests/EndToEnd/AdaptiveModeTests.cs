using K8sGossip.Rpc.Client;
using K8sGossip.Sidecar.LocalApi;
using K8sGossip.Sidecar.LocalApi.Protos;
using K8sGossip.Sidecar.Tests.Network;

namespace K8sGossip.Sidecar.Tests.EndToEnd;

/// <summary>Adaptive mode: a peer far behind the orderer catches up from an organization peer's Deliver service.</summary>
[Collection(SidecarProcessCollection.Name)]
public sealed class AdaptiveModeTests
{
    private const int Blocks = 200;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_late_peer_far_behind_catches_up_from_an_organization_peer_with_the_same_hashes()
    {
        await using var network = new TestNetwork("adaptive");
        var late = network.PeersOf("Org2MSP").Last();
        var early = network.Peers.Where(p => p != late).ToList();
        network.Start(late);
        using var cts = new CancellationTokenSource(Timeout);
        await network.EventuallyAsync(async () => (await network.StatusesAsync(early, cts.Token)).Count == early.Count, Timeout, "the early peers' local API");
        await network.SubmitAsync(Blocks, cts.Token);
        await network.EventuallyAsync(
            async () => (await network.StatusesAsync(early, cts.Token)).Values.All(s => s.Channels.Single().Height >= Blocks),
            Timeout,
            "the early peers to commit every block");

        // The late peer picks its source from the heights its organization announces (StateInfo): wait until the other
        // Org2MSP peer's announcement of the final height has spread, so the choice is between a peer at the orderer's
        // height and the orderer, not a peer that still looks behind.
        var announcer = early.Single(p => p.MspId == late.MspId);
        var observer = early.First(p => p != announcer);
        var api = network.LocalApi(observer);
        await network.EventuallyAsync(
            async () =>
            {
                var view = await api.UnaryAsync(LocalApiMethods.Membership, new MembershipRequest { Channel = TestNetwork.Channel }, new CallOptions(CancellationToken: cts.Token));
                return view.Members.Any(m => m.PkiId == announcer.PkiIdHex && m.Height >= Blocks);
            },
            Timeout,
            $"{announcer.Name}'s height {Blocks} to be announced");

        network.StartNode(late);
        await network.EventuallyAsync(
            async () => (await network.StatusesAsync([late], cts.Token))[late].Channels.Single().Height >= Blocks,
            Timeout,
            "the late peer to catch up");

        var sources = (await network.StatusesAsync([late], cts.Token))[late].Channels.Single().Sources;
        Assert.Contains(sources, s => s.StartsWith("peer ", StringComparison.Ordinal));
        var reference = await LocalApiReader.BlocksAsync(network.LocalApi(early[0]), 0, Blocks, Timeout);
        var caughtUp = await LocalApiReader.BlocksAsync(network.LocalApi(late), 0, Blocks, Timeout);
        Assert.Equal(reference.Select(b => b.HeaderHash.ToBase64()), caughtUp.Select(b => b.HeaderHash.ToBase64()));
    }
}
