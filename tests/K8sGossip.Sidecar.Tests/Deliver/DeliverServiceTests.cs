using K8sGossip.Gossip.Blocks;
using K8sGossip.Gossip.Protos;
using K8sGossip.Rpc;
using K8sGossip.Sidecar.Deliver;

namespace K8sGossip.Sidecar.Tests.Deliver;

public sealed class DeliverServiceTests
{
    [Fact]
    public async Task A_range_is_served_as_stored_between_a_head_announcement_and_a_final_status()
    {
        using var network = new TestNetwork();
        using var dir = new TempDirectory();
        var chain = network.Cut(30);
        await using var peer = await PeerLedger.OpenAsync(network, dir.Sub("p0"), chain);
        await using var host = await peer.ServeAsync(network, "p0");
        using var pool = network.Pool(network.Peer("reader"));

        var (blocks, statuses) = await DeliverReader.ReadAllAsync(pool, host.Address, new DeliverRequest { Channel = TestNetwork.Channel, Start = 5, Stop = 14 });

        Assert.Equal(chain.Skip(5).Take(10).Select(b => b.Bytes.ToArray()), blocks.Select(b => b.ToArray()));
        Assert.Equal([30UL, 30UL], statuses.Select(s => s.Height));
        Assert.Equal(10, host.Service.Counters.BlocksServed);
    }

    [Fact]
    public async Task Unknown_channel_start_beyond_height_and_reversed_range_are_refused_with_their_status_and_counted()
    {
        using var network = new TestNetwork();
        using var dir = new TempDirectory();
        await using var peer = await PeerLedger.OpenAsync(network, dir.Sub("p0"), network.Cut(10));
        await using var host = await peer.ServeAsync(network, "p0");
        using var pool = network.Pool(network.Peer("reader"));

        var unknown = await Assert.ThrowsAsync<RpcException>(() => DeliverReader.ReadAllAsync(pool, host.Address, new DeliverRequest { Channel = "other", Start = 0, Stop = 1 }));
        var beyond = await Assert.ThrowsAsync<RpcException>(() => DeliverReader.ReadAllAsync(pool, host.Address, new DeliverRequest { Channel = TestNetwork.Channel, Start = 10, Stop = 20 }));
        var reversed = await Assert.ThrowsAsync<RpcException>(() => DeliverReader.ReadAllAsync(pool, host.Address, new DeliverRequest { Channel = TestNetwork.Channel, Start = 5, Stop = 2 }));

        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(StatusCode.OutOfRange, beyond.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, reversed.StatusCode);
        Assert.Equal((1, 1, 1), (host.Service.Counters.NotFound, host.Service.Counters.OutOfRange, host.Service.Counters.InvalidArgument));
    }

    [Fact]
    public async Task A_damaged_record_ends_the_stream_with_data_loss_and_is_never_sent()
    {
        using var network = new TestNetwork();
        using var dir = new TempDirectory();
        var chain = network.Cut(20);
        var options = new BlockOptions { MaxBlockBytes = TestNetwork.MaxBlockBytes, ReorderMaxBytes = 64L * 1024 * 1024, ReadCacheBlocks = 0 };
        await using var peer = await PeerLedger.OpenAsync(network, dir.Sub("p0"), chain, options);
        await using var host = await peer.ServeAsync(network, "p0");
        using var pool = network.Pool(network.Peer("reader"));

        // Flip a byte inside block 10's record on disk (header 16 bytes, then records of 8 + block bytes).
        var segment = Directory.GetFiles(dir.Sub("p0"), "*.blocks").Single();
        var offset = 16L + chain.Take(10).Sum(b => 8L + b.Size) + 8 + (chain[10].Size / 2);
        await using (var file = new FileStream(segment, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            file.Position = offset;
            var original = file.ReadByte();
            file.Position = offset;
            file.WriteByte((byte)(original ^ 0xFF));
        }

        var received = new List<byte[]>();
        using var call = pool.Get(host.Address).ServerStreaming(DeliverMethods.Blocks, new DeliverRequest { Channel = TestNetwork.Channel, Start = 0, Stop = 19 });
        var failure = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext())
            {
                if (call.ResponseStream.Current.IsBlock)
                {
                    received.Add(call.ResponseStream.Current.BlockBytes.ToArray());
                }
            }
        });

        Assert.Equal(StatusCode.DataLoss, failure.StatusCode);
        Assert.Equal(chain.Take(10).Select(b => b.Bytes.ToArray()), received);
        Assert.Equal(1, host.Service.Counters.DataLoss);
    }

    [Fact]
    public async Task A_client_certificate_from_an_unknown_CA_is_refused_before_any_stream()
    {
        using var network = new TestNetwork();
        using var dir = new TempDirectory();
        await using var peer = await PeerLedger.OpenAsync(network, dir.Sub("p0"), network.Cut(5));
        await using var host = await peer.ServeAsync(network, "p0");
        var rogue = TestNetwork.Issue(network.RogueCa, "intruder");
        using var pool = new DeliverChannelPool(MutualTlsIdentity.From(rogue, network.Trust), TestNetwork.MaxBlockBytes, TimeProvider.System);

        var failure = await Assert.ThrowsAsync<RpcException>(() => DeliverReader.ReadAllAsync(pool, host.Address, new DeliverRequest { Channel = TestNetwork.Channel, Start = 0, Stop = 4 }));

        Assert.NotEqual(StatusCode.OK, failure.StatusCode);
        Assert.Equal(0, host.Service.Counters.Streams);
        Assert.Equal(0, host.Service.Counters.BlocksServed);
    }

    [Fact]
    public async Task A_peer_refuses_a_trusted_member_of_an_organization_outside_the_channel()
    {
        using var network = new TestNetwork();
        using var dir = new TempDirectory();
        await using var peer = await PeerLedger.OpenAsync(network, dir.Sub("p0"), network.Cut(5));
        await using var host = await peer.ServeAsync(network, "p0");
        using var pool = network.Pool(TestNetwork.Issue(network.Org2Ca, "org2-peer"));

        var failure = await Assert.ThrowsAsync<RpcException>(() => DeliverReader.ReadAllAsync(pool, host.Address, new DeliverRequest { Channel = TestNetwork.Channel, Start = 0, Stop = 4 }));

        Assert.Equal(StatusCode.PermissionDenied, failure.StatusCode);
        Assert.Equal(1, host.Service.Counters.PermissionDenied);
        Assert.Equal(0, host.Service.Counters.BlocksServed);
    }
}
