using K8sGossip.Gossip.Blocks;
using K8sGossip.Gossip.Identity;

namespace K8sGossip.Gossip.Tests.Blocks;

public sealed class BlockSourcePolicyTests
{
    private static readonly PkiId A = Id(1);
    private static readonly PkiId B = Id(2);
    private static readonly PkiId C = Id(3);

    private static PkiId Id(byte first)
    {
        var bytes = new byte[PkiId.Length];
        bytes[0] = first;
        return PkiId.From(bytes);
    }

    private static BlockSourceInputs Inputs(ulong own, ulong? orderer, DeliverSource current, params PeerHeight[] peers) =>
        new(own, orderer, peers, Threshold: 10, current, new HashSet<PkiId>());

    [Fact]
    public void A_peer_within_the_threshold_pulls_from_the_orderer()
    {
        Assert.Equal(DeliverSource.Orderer, BlockSourcePolicy.Decide(Inputs(995, 1_000, DeliverSource.Orderer, new PeerHeight(A, 1_000))));
    }

    [Fact]
    public void With_no_orderer_height_yet_the_highest_org_peer_bounds_it_from_below()
    {
        Assert.Equal(DeliverSource.FromPeer(A), BlockSourcePolicy.Decide(Inputs(0, null, DeliverSource.Orderer, new PeerHeight(A, 1_000))));
        Assert.Equal(DeliverSource.Orderer, BlockSourcePolicy.Decide(Inputs(995, null, DeliverSource.Orderer, new PeerHeight(A, 1_000))));
    }

    [Fact]
    public void With_no_orderer_height_and_no_peers_the_orderer_is_asked()
    {
        Assert.Equal(DeliverSource.Orderer, BlockSourcePolicy.Decide(Inputs(0, null, DeliverSource.Orderer)));
    }

    [Fact]
    public void A_far_behind_peer_streams_from_the_highest_org_peer_near_the_orderer()
    {
        var decision = BlockSourcePolicy.Decide(Inputs(0, 5_000, DeliverSource.Orderer,
            new PeerHeight(A, 4_995), new PeerHeight(B, 5_000), new PeerHeight(C, 3_000)));

        Assert.Equal(DeliverSource.FromPeer(B), decision);
    }

    [Fact]
    public void Peers_that_are_themselves_far_behind_are_never_sources()
    {
        var decision = BlockSourcePolicy.Decide(Inputs(0, 5_000, DeliverSource.Orderer, new PeerHeight(A, 4_000), new PeerHeight(B, 100)));

        Assert.Equal(DeliverSource.Orderer, decision);
    }

    [Fact]
    public void A_qualifying_current_peer_is_kept_rather_than_switching_to_a_slightly_higher_one()
    {
        var decision = BlockSourcePolicy.Decide(Inputs(100, 5_000, DeliverSource.FromPeer(A),
            new PeerHeight(A, 4_992), new PeerHeight(B, 5_000)));

        Assert.Equal(DeliverSource.FromPeer(A), decision);
    }

    [Fact]
    public void Once_within_the_threshold_the_peer_switches_to_the_orderer()
    {
        var decision = BlockSourcePolicy.Decide(Inputs(4_990, 5_000, DeliverSource.FromPeer(A), new PeerHeight(A, 5_000)));

        Assert.Equal(DeliverSource.Orderer, decision);
    }

    [Fact]
    public void A_failed_source_is_replaced_by_another_qualifying_peer_or_the_orderer()
    {
        var failed = new HashSet<PkiId> { A };
        var withB = new BlockSourceInputs(10, 5_000, [new PeerHeight(A, 5_000), new PeerHeight(B, 4_999)], 10, DeliverSource.FromPeer(A), failed);
        var onlyA = withB with { OrgPeers = [new PeerHeight(A, 5_000)] };

        Assert.Equal(DeliverSource.FromPeer(B), BlockSourcePolicy.Decide(withB));
        Assert.Equal(DeliverSource.Orderer, BlockSourcePolicy.Decide(onlyA));
    }
}
