using K8sGossip.Gossip.Blocks;
using K8sGossip.Gossip.Identity;
using K8sGossip.Sidecar.Deliver;

namespace K8sGossip.Sidecar.Tests.Deliver;

public sealed class CatchUpTests
{
    [Fact]
    public async Task A_fresh_peer_catches_up_2000_blocks_from_a_peer_and_ends_with_identical_hashes()
    {
        using var network = new TestNetwork();
        using var dir = new TempDirectory();
        var chain = network.Cut(2000, entryBytes: 300);
        await using var source = await PeerLedger.OpenAsync(network, dir.Sub("source"), chain);
        await using var sourceHost = await source.ServeAsync(network, "source");
        await using var fresh = await PeerLedger.OpenAsync(network, dir.Sub("fresh"));
        using var pool = network.Pool(network.Peer("fresh"));
        var endpoint = PeerEndpoint("source", sourceHost.Address);
        await using var client = fresh.Client(network, pool, [endpoint]);

        client.Start();
        await fresh.Committer.WaitForHeightAsync(2000, CancellationToken.None).WaitAsync(Eventually.Patience);

        Assert.Equal(await source.HeaderHashesAsync(), await fresh.HeaderHashesAsync());
        Assert.Equal(Enumerable.Range(0, 2000).Select(i => (ulong)i), fresh.CommittedNumbers);
        Assert.Equal(0, client.Rejections.Total);
        Assert.Equal(0, fresh.Committer.Rejections.Total);
        Assert.Equal(2000, sourceHost.Service.Counters.BlocksServed);
    }

    [Fact]
    public async Task When_the_source_dies_mid_stream_the_client_switches_and_commits_every_block_exactly_once()
    {
        using var network = new TestNetwork();
        using var dir = new TempDirectory();
        var chain = network.Cut(2000, entryBytes: 300);
        await using var first = await PeerLedger.OpenAsync(network, dir.Sub("first"), chain.Take(1200).ToList());
        var firstHost = await first.ServeAsync(network, "first");
        await using var second = await PeerLedger.OpenAsync(network, dir.Sub("second"), chain);
        await using var secondHost = await second.ServeAsync(network, "second");
        await using var fresh = await PeerLedger.OpenAsync(network, dir.Sub("fresh"));
        using var pool = network.Pool(network.Peer("fresh"));
        var firstEndpoint = PeerEndpoint("first", firstHost.Address);
        var secondEndpoint = PeerEndpoint("second", secondHost.Address);
        await using var client = fresh.Client(network, pool, [secondEndpoint]);
        var failures = new List<DeliverSourceFailure>();
        client.SourceFailed += failures.Add;

        // The first source holds 1,200 blocks and keeps its follow stream open at its head; then it dies.
        client.PointAt(firstEndpoint);
        client.Start();
        await fresh.Committer.WaitForHeightAsync(1200, CancellationToken.None).WaitAsync(Eventually.Patience);
        await firstHost.DisposeAsync();
        await fresh.Committer.WaitForHeightAsync(2000, CancellationToken.None).WaitAsync(Eventually.Patience);

        Assert.Equal(Enumerable.Range(0, 2000).Select(i => (ulong)i), fresh.CommittedNumbers);
        Assert.Equal(await second.HeaderHashesAsync(), await fresh.HeaderHashesAsync());
        Assert.Equal([firstEndpoint.Source, secondEndpoint.Source], client.SourceHistory);
        Assert.Equal(firstEndpoint, Assert.Single(failures).Endpoint);
        Assert.Equal(0, fresh.Committer.Rejections.Total);
        Assert.Equal(800, secondHost.Service.Counters.BlocksServed);
    }

    [Fact]
    public async Task A_block_with_a_bad_orderer_signature_from_a_lying_peer_is_rejected_counted_and_its_source_abandoned()
    {
        using var network = new TestNetwork();
        using var dir = new TempDirectory();
        var chain = network.Cut(300);
        var forged = chain.Take(100).Append(TestNetwork.WithBadSignature(chain[100])).Concat(chain.Skip(101)).ToList();
        await using var liar = await PeerLedger.OpenAsync(network, dir.Sub("liar"), forged);
        await using var liarHost = await liar.ServeAsync(network, "liar");
        await using var honest = await PeerLedger.OpenAsync(network, dir.Sub("honest"), chain);
        await using var honestHost = await honest.ServeAsync(network, "honest");
        await using var fresh = await PeerLedger.OpenAsync(network, dir.Sub("fresh"));
        using var pool = network.Pool(network.Peer("fresh"));
        var liarEndpoint = PeerEndpoint("liar", liarHost.Address);
        var honestEndpoint = PeerEndpoint("honest", honestHost.Address);
        await using var client = fresh.Client(network, pool, [honestEndpoint]);
        var failures = new List<DeliverSourceFailure>();
        client.SourceFailed += failures.Add;

        client.PointAt(liarEndpoint);
        client.Start();
        await fresh.Committer.WaitForHeightAsync(300, CancellationToken.None).WaitAsync(Eventually.Patience);

        Assert.Equal(1, client.Rejections[BlockRejection.BadSignature]);
        var failure = Assert.Single(failures);
        Assert.Equal((liarEndpoint, BlockRejection.BadSignature), (failure.Endpoint, failure.Rejection));
        Assert.Equal([liarEndpoint.Source, honestEndpoint.Source], client.SourceHistory);
        Assert.Equal(await honest.HeaderHashesAsync(), await fresh.HeaderHashesAsync());
        Assert.Equal(Enumerable.Range(0, 300).Select(i => (ulong)i), fresh.CommittedNumbers);
    }

    [Fact]
    public async Task A_forked_chain_from_a_lying_peer_is_rejected_as_a_broken_chain_and_its_source_abandoned()
    {
        using var network = new TestNetwork();
        using var dir = new TempDirectory();
        var chain = network.Cut(200, seed: 1);
        var fork = network.Cut(150, seed: 99, prefix: chain.Take(50).ToList());
        await using var liar = await PeerLedger.OpenAsync(network, dir.Sub("liar"), fork);
        await using var liarHost = await liar.ServeAsync(network, "liar");
        await using var honest = await PeerLedger.OpenAsync(network, dir.Sub("honest"), chain);
        await using var honestHost = await honest.ServeAsync(network, "honest");
        await using var behind = await PeerLedger.OpenAsync(network, dir.Sub("behind"), chain.Take(80).ToList());
        using var pool = network.Pool(network.Peer("behind"));
        var liarEndpoint = PeerEndpoint("liar", liarHost.Address);
        var honestEndpoint = PeerEndpoint("honest", honestHost.Address);
        await using var client = behind.Client(network, pool, [honestEndpoint]);

        client.PointAt(liarEndpoint);
        client.Start();
        await behind.Committer.WaitForHeightAsync(200, CancellationToken.None).WaitAsync(Eventually.Patience);

        Assert.Equal(1, client.Rejections[BlockRejection.BrokenChain]);
        Assert.Equal([liarEndpoint.Source, honestEndpoint.Source], client.SourceHistory);
        Assert.Equal(await honest.HeaderHashesAsync(), await behind.HeaderHashesAsync());
    }

    [Fact]
    public async Task Stop_and_wait_transfer_fetches_every_block_in_requests_of_ten()
    {
        using var network = new TestNetwork();
        using var dir = new TempDirectory();
        var chain = network.Cut(450);
        await using var source = await PeerLedger.OpenAsync(network, dir.Sub("source"), chain);
        await using var sourceHost = await source.ServeAsync(network, "source");
        await using var fresh = await PeerLedger.OpenAsync(network, dir.Sub("fresh"));
        using var pool = network.Pool(network.Peer("fresh"));
        var transfer = new StopAndWaitTransfer(pool, fresh.Verifier, fresh.Committer, fresh.Store, TimeProvider.System);

        using var timeout = new CancellationTokenSource(Eventually.Patience);
        var height = await transfer.FetchAsync(PeerEndpoint("source", sourceHost.Address), 450, timeout.Token);

        Assert.Equal(450UL, height);
        Assert.Equal(45, transfer.Requests);
        Assert.Equal(0, transfer.Rejections.Total);
        Assert.Equal(await source.HeaderHashesAsync(), await fresh.HeaderHashesAsync());
        Assert.Equal(450, sourceHost.Service.Counters.BlocksServed);
        Assert.Equal(Enumerable.Range(0, 450).Select(i => (ulong)i), fresh.CommittedNumbers);
    }

    internal static BlockSourceEndpoint PeerEndpoint(string name, Uri address) =>
        new(DeliverSource.FromPeer(PkiId.Compute(TestNetwork.Org1, System.Text.Encoding.UTF8.GetBytes(name))), address);
}
