using System.Text;
using Google.Protobuf;
using K8sGossip.Gossip.Blocks;
using K8sGossip.Gossip.Protos;
using K8sGossip.Rpc;
using K8sGossip.Rpc.Client;
using K8sGossip.Sidecar.Deliver;
using K8sGossip.Sidecar.Orderer;
using K8sGossip.Sidecar.Tests.Deliver;

namespace K8sGossip.Sidecar.Tests.Orderer;

public sealed class SoloOrdererTests
{
    [Fact]
    public async Task Submitted_envelopes_become_signed_blocks_that_Deliver_streams_verified_and_in_order()
    {
        using var network = new TestNetwork();
        using var dir = new TempDirectory();
        await using var orderer = await OrdererFixture.StartAsync(network, OrdererFixture.Options(dir.Sub("orderer")));
        using var pool = network.Pool(network.Peer("client"));
        var channel = pool.Get(orderer.Host.Address);

        var envelopes = Enumerable.Range(0, 300).Select(i => $"envelope {i:D3}").ToList();
        var acks = await Task.WhenAll(envelopes.Select(e => channel.UnaryAsync(
            BroadcastMethods.Submit,
            new SubmitRequest { Channel = TestNetwork.Channel, Payload = ByteString.CopyFromUtf8(e) },
            new CallOptions(Deadline: DateTimeOffset.UtcNow + Eventually.Patience))));

        var height = orderer.Orderer.HeightOf(TestNetwork.Channel);
        var (blocks, statuses) = await DeliverReader.ReadAllAsync(pool, orderer.Host.Address, new DeliverRequest { Channel = TestNetwork.Channel, Start = 0, Stop = height - 1 });
        var verifier = network.Verifier();
        var holder = new Dictionary<string, ulong>();
        ReadOnlyMemory<byte> last = ReadOnlyMemory<byte>.Empty;
        for (var i = 0; i < blocks.Count; i++)
        {
            var verification = verifier.Verify(blocks[i], (ulong)i, last.Span);
            Assert.True(verification.IsValid, $"block {i}: {verification.Rejection} {verification.Detail}");
            last = verification.Block!.HeaderHash;
            foreach (var entry in verification.Block.Block.Data.Data)
            {
                holder.Add(entry.ToStringUtf8(), (ulong)i);
            }
        }

        Assert.Equal((int)height, blocks.Count);
        Assert.Equal(envelopes.Order(), holder.Keys.Order());
        for (var i = 0; i < envelopes.Count; i++)
        {
            Assert.Equal(holder[envelopes[i]] + 1, acks[i].Accepted);
        }

        Assert.All(blocks, b => Assert.True(EncodedBlock.TryDecode(b, TestNetwork.MaxBlockBytes, out var block, out _) == BlockRejection.None && block!.Block.Data.Data.Count <= 25));
        Assert.Equal(height, statuses[^1].Height);
        Assert.Equal(300, orderer.Orderer.Accepted);
    }

    [Fact]
    public async Task A_follow_stream_receives_new_blocks_as_they_are_cut()
    {
        using var network = new TestNetwork();
        using var dir = new TempDirectory();
        await using var orderer = await OrdererFixture.StartAsync(network, OrdererFixture.Options(dir.Sub("orderer")));
        await orderer.GenerateAsync(3);
        using var pool = network.Pool(network.Peer("follower"));
        using var timeout = new CancellationTokenSource(Eventually.Patience);
        using var call = pool.Get(orderer.Host.Address).ServerStreaming(
            DeliverMethods.Blocks, new DeliverRequest { Channel = TestNetwork.Channel, Start = 0, Follow = true }, new CallOptions(CancellationToken: timeout.Token));

        var received = new List<EncodedBlock>();
        var reader = Task.Run(async () =>
        {
            while (received.Count < 5 && await call.ResponseStream.MoveNext(timeout.Token))
            {
                if (call.ResponseStream.Current.IsBlock)
                {
                    Assert.Equal(BlockRejection.None, EncodedBlock.TryDecode(call.ResponseStream.Current.BlockBytes, TestNetwork.MaxBlockBytes, out var block, out _));
                    received.Add(block!);
                }
            }
        });
        await Eventually.HoldsAsync(() => Volatile.Read(ref received).Count >= 3 || reader.IsCompleted, "the stored blocks arrive");
        var first = await orderer.Orderer.SubmitAsync(TestNetwork.Channel, Encoding.UTF8.GetBytes("late envelope 1"), timeout.Token);
        var second = await orderer.Orderer.SubmitAsync(TestNetwork.Channel, Encoding.UTF8.GetBytes("late envelope 2"), timeout.Token);
        await reader.WaitAsync(Eventually.Patience);

        Assert.Equal([0UL, 1, 2, 3, 4], received.Select(b => b.Number));
        Assert.Equal((4UL, 5UL), (first, second));
        Assert.Equal("late envelope 2", received[4].Block.Data.Data.Single().ToStringUtf8());
    }

    [Fact]
    public async Task A_restarted_orderer_resumes_at_its_stored_height_and_continues_the_chain()
    {
        using var network = new TestNetwork();
        using var dir = new TempDirectory();
        var options = OrdererFixture.Options(dir.Sub("orderer"));
        await using (var before = await OrdererFixture.StartAsync(network, options))
        {
            await before.GenerateAsync(20);
            await before.Orderer.WaitForHeightAsync(TestNetwork.Channel, 20, CancellationToken.None).WaitAsync(Eventually.Patience);
        }

        await using var after = await OrdererFixture.StartAsync(network, options);
        var heightAfterRestart = after.Orderer.HeightOf(TestNetwork.Channel);
        var accepted = await after.Orderer.SubmitAsync(TestNetwork.Channel, Encoding.UTF8.GetBytes("after restart"), CancellationToken.None);
        using var pool = network.Pool(network.Peer("reader"));
        var (blocks, _) = await DeliverReader.ReadAllAsync(pool, after.Host.Address, new DeliverRequest { Channel = TestNetwork.Channel, Start = 0, Stop = 20 });

        Assert.Equal(20UL, heightAfterRestart);
        Assert.Equal(21UL, accepted);
        var verifier = network.Verifier();
        ReadOnlyMemory<byte> last = ReadOnlyMemory<byte>.Empty;
        for (var i = 0; i < blocks.Count; i++)
        {
            var verification = verifier.Verify(blocks[i], (ulong)i, last.Span);
            Assert.True(verification.IsValid, $"block {i}: {verification.Rejection} {verification.Detail}");
            last = verification.Block!.HeaderHash;
        }

        Assert.Equal(21, blocks.Count);
    }

    [Fact]
    public async Task An_oversize_envelope_and_an_unknown_channel_are_refused_with_their_status_and_counted()
    {
        using var network = new TestNetwork();
        using var dir = new TempDirectory();
        await using var orderer = await OrdererFixture.StartAsync(network, OrdererFixture.Options(dir.Sub("orderer")));
        using var pool = network.Pool(network.Peer("client"));
        var channel = pool.Get(orderer.Host.Address);

        var oversize = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(
            BroadcastMethods.Submit, new SubmitRequest { Channel = TestNetwork.Channel, Payload = ByteString.CopyFrom(new byte[(64 * 1024) + 1]) }));
        var unknown = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(
            BroadcastMethods.Submit, new SubmitRequest { Channel = "nochannel", Payload = ByteString.CopyFromUtf8("x") }));

        Assert.Equal(StatusCode.ResourceExhausted, oversize.StatusCode);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal((1, 1), (orderer.Orderer.RefusedOversize, orderer.Orderer.RefusedUnknownChannel));
        Assert.Equal(0UL, orderer.Orderer.HeightOf(TestNetwork.Channel));
    }

    [Fact]
    public async Task The_generator_cuts_the_asked_number_of_blocks_of_the_given_payload_size()
    {
        using var network = new TestNetwork();
        using var dir = new TempDirectory();
        await using var orderer = await OrdererFixture.StartAsync(network, OrdererFixture.Options(dir.Sub("orderer")));
        await using var generator = new BlockGenerator(
            orderer.Orderer,
            new BlockGeneratorOptions { Channel = TestNetwork.Channel, BlockBytes = 4096, BlocksPerSecond = 500, MaxBlocks = 25 },
            TimeProvider.System);

        generator.Start();
        await generator.Completion.WaitAsync(Eventually.Patience);
        await orderer.Orderer.WaitForHeightAsync(TestNetwork.Channel, 25, CancellationToken.None).WaitAsync(Eventually.Patience);
        using var pool = network.Pool(network.Peer("reader"));
        var (blocks, _) = await DeliverReader.ReadAllAsync(pool, orderer.Host.Address, new DeliverRequest { Channel = TestNetwork.Channel, Start = 0, Stop = ulong.MaxValue - 1 });

        Assert.Equal(25, generator.Generated);
        Assert.Equal(25, blocks.Count);
        Assert.All(blocks, b => Assert.Equal(4096, Block.Parser.ParseFrom(b.Span).Data.Data.Single().Length));
    }
}
