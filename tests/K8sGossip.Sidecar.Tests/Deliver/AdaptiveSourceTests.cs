using K8sGossip.Gossip.Blocks;
using K8sGossip.Sidecar.Deliver;
using K8sGossip.Sidecar.Tests.Orderer;

namespace K8sGossip.Sidecar.Tests.Deliver;

public sealed class AdaptiveSourceTests
{
    [Fact]
    public async Task A_far_behind_peer_streams_from_an_org_peer_then_switches_to_the_orderer_within_threshold()
    {
        using var network = new TestNetwork();
        using var dir = new TempDirectory();
        await using var orderer = await OrdererFixture.StartAsync(network, OrdererFixture.Options(dir.Sub("orderer")));
        await orderer.GenerateAsync(600);
        await orderer.Orderer.WaitForHeightAsync(TestNetwork.Channel, 600, CancellationToken.None).WaitAsync(Eventually.Patience);
        var ordered = new List<EncodedBlock>();
        await foreach (var stored in orderer.Orderer.FindLedger(TestNetwork.Channel)!.Store.ReadRangeAsync(0, 599, CancellationToken.None))
        {
            Assert.Equal(BlockRejection.None, EncodedBlock.TryDecode(stored.Bytes, TestNetwork.MaxBlockBytes, out var block, out _));
            ordered.Add(block!);
        }

        await using var orgPeer = await PeerLedger.OpenAsync(network, dir.Sub("org-peer"), ordered);
        await using var orgPeerHost = await orgPeer.ServeAsync(network, "org-peer");
        var orgPeerEndpoint = CatchUpTests.PeerEndpoint("org-peer", orgPeerHost.Address);
        await using var fresh = await PeerLedger.OpenAsync(network, dir.Sub("fresh"));
        using var pool = network.Pool(network.Peer("fresh"));
        var ordererEndpoint = BlockSourceEndpoint.Orderer(orderer.Host.Address);
        await using var client = fresh.Client(network, pool, [ordererEndpoint]);
        var probe = new OrdererHeightProbe(pool, TestNetwork.Channel, [ordererEndpoint], TimeSpan.FromSeconds(10), TimeProvider.System);
        await using var loop = new BlockSourceLoop(
            client,
            fresh.Committer,
            probe,
            () => [new PeerHeight(orgPeerEndpoint.Source.Peer, orgPeer.Height)],
            peer => peer == orgPeerEndpoint.Source.Peer ? orgPeerHost.Address : null,
            new BlockSourceLoopOptions { Threshold = 100, EvaluationInterval = TimeSpan.FromMilliseconds(50), OrdererProbeInterval = TimeSpan.FromMilliseconds(100) },
            TimeProvider.System);

        loop.Start();
        await fresh.Committer.WaitForHeightAsync(600, CancellationToken.None).WaitAsync(Eventually.Patience);
        await Eventually.HoldsAsync(() => loop.Decisions.Count == 2, "the loop switches back to the orderer");

        // Only the orderer has these: they arrive once the client follows the orderer.
        await orderer.GenerateAsync(20);
        await fresh.Committer.WaitForHeightAsync(620, CancellationToken.None).WaitAsync(Eventually.Patience);

        Assert.Equal([orgPeerEndpoint.Source, DeliverSource.Orderer], loop.Decisions);
        Assert.Equal([orgPeerEndpoint.Source, DeliverSource.Orderer], client.SourceHistory);
        Assert.True(orgPeerHost.Service.Counters.BlocksServed >= 500, $"the org peer served {orgPeerHost.Service.Counters.BlocksServed} blocks");
        Assert.True(orderer.Host.Deliver.Counters.BlocksServed <= 120, $"the orderer served {orderer.Host.Deliver.Counters.BlocksServed} blocks");
        Assert.Equal(Enumerable.Range(0, 620).Select(i => (ulong)i), fresh.CommittedNumbers);
        Assert.Equal(0, fresh.Committer.Rejections.Total);
    }

    [Fact]
    public async Task The_loop_abandons_an_org_peer_that_serves_a_bad_block_and_catches_up_from_an_honest_one()
    {
        using var network = new TestNetwork();
        using var dir = new TempDirectory();
        await using var orderer = await OrdererFixture.StartAsync(network, OrdererFixture.Options(dir.Sub("orderer")));
        await orderer.GenerateAsync(600);
        await orderer.Orderer.WaitForHeightAsync(TestNetwork.Channel, 600, CancellationToken.None).WaitAsync(Eventually.Patience);
        var ordered = new List<EncodedBlock>();
        await foreach (var stored in orderer.Orderer.FindLedger(TestNetwork.Channel)!.Store.ReadRangeAsync(0, 599, CancellationToken.None))
        {
            Assert.Equal(BlockRejection.None, EncodedBlock.TryDecode(stored.Bytes, TestNetwork.MaxBlockBytes, out var block, out _));
            ordered.Add(block!);
        }

        var forged = ordered.Take(100).Append(TestNetwork.WithBadSignature(ordered[100])).Concat(ordered.Skip(101)).ToList();
        await using var liar = await PeerLedger.OpenAsync(network, dir.Sub("liar"), forged);
        await using var liarHost = await liar.ServeAsync(network, "liar");
        await using var honest = await PeerLedger.OpenAsync(network, dir.Sub("honest"), ordered);
        await using var honestHost = await honest.ServeAsync(network, "honest");

        // The policy prefers the lower PKI-ID among equally high peers: give that one to the liar.
        var ids = new[] { CatchUpTests.PeerEndpoint("peer-a", liarHost.Address).Source.Peer, CatchUpTests.PeerEndpoint("peer-b", liarHost.Address).Source.Peer }.Order().ToArray();
        var liarSource = DeliverSource.FromPeer(ids[0]);
        var honestSource = DeliverSource.FromPeer(ids[1]);
        await using var fresh = await PeerLedger.OpenAsync(network, dir.Sub("fresh"));
        using var pool = network.Pool(network.Peer("fresh"));
        var ordererEndpoint = BlockSourceEndpoint.Orderer(orderer.Host.Address);
        await using var client = fresh.Client(network, pool, [ordererEndpoint]);
        await using var loop = new BlockSourceLoop(
            client,
            fresh.Committer,
            new OrdererHeightProbe(pool, TestNetwork.Channel, [ordererEndpoint], TimeSpan.FromSeconds(10), TimeProvider.System),
            () => [new PeerHeight(liarSource.Peer, 600), new PeerHeight(honestSource.Peer, 600)],
            peer => peer == liarSource.Peer ? liarHost.Address : peer == honestSource.Peer ? honestHost.Address : null,
            new BlockSourceLoopOptions { Threshold = 100, EvaluationInterval = TimeSpan.FromMilliseconds(50), OrdererProbeInterval = TimeSpan.FromMilliseconds(100) },
            TimeProvider.System);

        loop.Start();
        await fresh.Committer.WaitForHeightAsync(600, CancellationToken.None).WaitAsync(Eventually.Patience);

        Assert.Equal(1, client.Rejections[BlockRejection.BadSignature]);
        Assert.Equal(liarSource, loop.Decisions[0]);
        Assert.DoesNotContain(liarSource, loop.Decisions.Skip(1));
        Assert.Contains(honestSource, loop.Decisions);
        Assert.Equal(liarSource, client.SourceHistory[0]);
        Assert.DoesNotContain(liarSource, client.SourceHistory.Skip(1));
        Assert.Equal(Enumerable.Range(0, 600).Select(i => (ulong)i), fresh.CommittedNumbers);
        Assert.Equal(await honest.HeaderHashesAsync(), await fresh.HeaderHashesAsync());
    }

    [Fact]
    public async Task The_orderer_height_probe_reads_the_head_without_receiving_a_block()
    {
        using var network = new TestNetwork();
        using var dir = new TempDirectory();
        await using var orderer = await OrdererFixture.StartAsync(network, OrdererFixture.Options(dir.Sub("orderer")));
        await orderer.GenerateAsync(7);
        await orderer.Orderer.WaitForHeightAsync(TestNetwork.Channel, 7, CancellationToken.None).WaitAsync(Eventually.Patience);
        using var pool = network.Pool(network.Peer("prober"));
        var probe = new OrdererHeightProbe(pool, TestNetwork.Channel, [BlockSourceEndpoint.Orderer(orderer.Host.Address)], TimeSpan.FromSeconds(10), TimeProvider.System);

        var height = await probe.ProbeAsync(CancellationToken.None);

        Assert.Equal(7UL, height);
        Assert.Equal(0, orderer.Host.Deliver.Counters.BlocksServed);
    }
}
