using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Google.Protobuf;
using K8sGossip.Rpc.Client;
using K8sGossip.Sidecar.LocalApi;
using K8sGossip.Sidecar.LocalApi.Protos;
using K8sGossip.Sidecar.Tests.Configuration;
using K8sGossip.Sidecar.Tests.Network;

namespace K8sGossip.Sidecar.Tests.EndToEnd;

/// <summary>Four peer processes pull every block from a solo orderer process (direct mode) over mutual TLS.</summary>
[Collection(SidecarProcessCollection.Name)]
public sealed class DirectModeTests(DirectModeNetworkFixture fixture) : IClassFixture<DirectModeNetworkFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TestNetwork _network = fixture.Network;

    [Fact]
    public async Task Every_peer_stores_all_blocks_with_the_same_hashes_in_order()
    {
        var chains = new List<List<CommittedBlockEvent>>();
        foreach (var peer in _network.Peers)
        {
            var blocks = await LocalApiReader.BlocksAsync(_network.LocalApi(peer), 0, DirectModeNetworkFixture.Blocks, Timeout);
            Assert.Equal(DirectModeNetworkFixture.Blocks, blocks.Count);
            Assert.Equal(Enumerable.Range(0, DirectModeNetworkFixture.Blocks).Select(i => (ulong)i), blocks.Select(b => b.Number));
            Assert.All(blocks, b => Assert.Equal(32, b.HeaderHash.Length));
            chains.Add(blocks);
        }

        var reference = chains[0].Select(b => b.HeaderHash.ToBase64()).ToList();
        Assert.All(chains, chain => Assert.Equal(reference, chain.Select(b => b.HeaderHash.ToBase64())));
    }

    [Fact]
    public async Task Local_api_streams_from_a_height_and_then_follows_new_blocks()
    {
        var peer = _network.Peers[^1];
        var api = _network.LocalApi(peer);
        var from = (ulong)(DirectModeNetworkFixture.Blocks - 5);
        using var cts = new CancellationTokenSource(Timeout);
        using var call = api.ServerStreaming(LocalApiMethods.Blocks, new BlocksRequest { Channel = TestNetwork.Channel, FromHeight = from }, new CallOptions(CancellationToken: cts.Token));
        var status = await api.UnaryAsync(LocalApiMethods.Status, new StatusRequest());
        var height = status.Channels.Single().Height;

        // Everything stored from the requested height, then the blocks ordered after the stream opened.
        await _network.SubmitAsync(3, cts.Token);
        var numbers = new List<ulong>();
        while (numbers.Count < (int)(height - from) + 3 && await call.ResponseStream.MoveNext(cts.Token))
        {
            numbers.Add(call.ResponseStream.Current.Number);
        }

        Assert.Equal(Enumerable.Range((int)from, numbers.Count).Select(i => (ulong)i), numbers);
        Assert.True(numbers[^1] >= height + 2);
    }

    [Fact]
    public async Task Membership_lists_every_peer_of_both_organizations_with_heights()
    {
        var peer = _network.Peers[0];
        var api = _network.LocalApi(peer);
        MembershipReply? reply = null;
        await _network.EventuallyAsync(
            async () =>
            {
                reply = await api.UnaryAsync(LocalApiMethods.Membership, new MembershipRequest { Channel = TestNetwork.Channel });
                return reply.Members.Count == _network.Peers.Count;
            },
            Timeout,
            "membership of every peer");
        Assert.Equal(_network.Peers.Select(p => p.PkiIdHex).Order(), reply!.Members.Select(m => m.PkiId).Order());
        Assert.Equal(peer.PkiIdHex, reply.Members.Single(m => m.Self).PkiId);
        Assert.Equal(["Org1MSP", "Org1MSP", "Org2MSP", "Org2MSP"], reply.Members.Select(m => m.Organization).Order());
        Assert.All(reply.Members, m => Assert.Contains(m.State, new[] { "alive", "self" }));
        Assert.All(reply.Members, m => Assert.False(m.Leader));
    }

    [Fact]
    public async Task Application_message_reaches_a_peer_of_another_organization_with_its_verified_sender()
    {
        var sender = _network.PeersOf("Org1MSP").First();
        var receiver = _network.PeersOf("Org2MSP").First();
        using var cts = new CancellationTokenSource(Timeout);
        using var subscription = _network.LocalApi(receiver).ServerStreaming(LocalApiMethods.Messages, new MessagesRequest { Topic = "greetings" }, new CallOptions(CancellationToken: cts.Token));
        await subscription.ResponseHeadersAsync();
        var payload = ByteString.CopyFromUtf8("hello from org1");
        await _network.EventuallyAsync(
            async () =>
            {
                await _network.LocalApi(sender).UnaryAsync(LocalApiMethods.SendMessage, new SendMessageRequest { Peer = receiver.PkiIdHex, Topic = "greetings", Payload = payload });
                return true;
            },
            Timeout,
            "the receiver to be a known member");

        Assert.True(await subscription.ResponseStream.MoveNext(cts.Token));
        var message = subscription.ResponseStream.Current;
        Assert.Equal(sender.PkiIdHex, message.Sender);
        Assert.Equal("Org1MSP", message.Organization);
        Assert.Equal("greetings", message.Topic);
        Assert.Equal(payload, message.Payload);
    }

    [Fact]
    public async Task Application_message_to_an_unknown_peer_is_refused_with_not_found()
    {
        var api = _network.LocalApi(_network.Peers[0]);
        var error = await Assert.ThrowsAsync<K8sGossip.Rpc.RpcException>(() => api.UnaryAsync(
            LocalApiMethods.SendMessage,
            new SendMessageRequest { Peer = new string('a', 64), Topic = "t" }));
        Assert.Equal(K8sGossip.Rpc.StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Admin_port_reports_alive_and_ready_once_caught_up()
    {
        foreach (var peer in _network.Peers)
        {
            Assert.Equal(HttpStatusCode.OK, await TestNetwork.AdminAsync(peer, "/healthz", CancellationToken.None));
            await _network.EventuallyAsync(
                async () => await TestNetwork.AdminAsync(peer, "/readyz", CancellationToken.None) == HttpStatusCode.OK,
                Timeout,
                $"{peer.Name} to be ready");
        }
    }

    [Fact]
    public async Task Admin_status_reports_channel_heights_and_the_orderer_lists_each_peers_deliver_stream_from_block_0()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var peer in _network.Peers)
        {
            await _network.EventuallyAsync(
                async () =>
                {
                    using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{peer.AdminPort}/status")));
                    var root = document.RootElement;
                    var channel = root.GetProperty("channels")[0];
                    return root.GetProperty("role").GetString() == "peer"
                        && root.GetProperty("name").GetString() == peer.Name
                        && channel.GetProperty("name").GetString() == TestNetwork.Channel
                        && channel.GetProperty("mode").GetString() == "direct"
                        && channel.GetProperty("height").GetUInt64() >= DirectModeNetworkFixture.Blocks;
                },
                Timeout,
                $"{peer.Name}'s /status to report at least height {DirectModeNetworkFixture.Blocks}");
        }

        using var orderer = JsonDocument.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{_network.Orderer.AdminPort}/status")));
        var status = orderer.RootElement;
        Assert.Equal("orderer", status.GetProperty("role").GetString());
        var memory = status.GetProperty("memory");
        Assert.True(memory.GetProperty("managedHeapBytes").GetInt64() > 0);
        Assert.True(memory.GetProperty("workingSetBytes").GetInt64() > memory.GetProperty("managedHeapBytes").GetInt64());
        Assert.Equal(JsonValueKind.Number, memory.GetProperty("gcCommittedBytes").ValueKind); // 0 until the first collection

        // The orderer has cut and served blocks, so it has allocated more than its heap holds now.
        Assert.True(memory.GetProperty("allocatedBytes").GetInt64() > memory.GetProperty("managedHeapBytes").GetInt64());
        Assert.Equal(1L << 20, memory.GetProperty("gcRegionBytes").GetInt64()); // the sidecar's runtimeconfig, not the runtime's 4 MiB
        Assert.Equal(3, memory.GetProperty("collections").GetArrayLength());
        var channels = status.GetProperty("channels");
        Assert.Equal(TestNetwork.Channel, channels[0].GetProperty("name").GetString());
        Assert.True(channels[0].GetProperty("height").GetUInt64() >= DirectModeNetworkFixture.Blocks);
        var streams = status.GetProperty("deliverStreams").EnumerateArray()
            .Select(s => (Caller: s.GetProperty("caller").GetString(), Channel: s.GetProperty("channel").GetString(), Start: s.GetProperty("start").GetUInt64()))
            .ToList();
        foreach (var peer in _network.Peers)
        {
            Assert.Contains(streams, s => s.Caller == peer.Name && s.Channel == TestNetwork.Channel && s.Start == 0);
        }
    }

    [Fact]
    public async Task A_grpc_js_client_reads_status_and_blocks_from_the_local_api()
    {
        var root = ConfigurationFixture.RepositoryRoot();
        var peer = _network.Peers[1];
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.Combine(root, "tests", "interop"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("localapi-client.js");
        start.ArgumentList.Add($"127.0.0.1:{peer.LocalApiPort}");
        start.ArgumentList.Add(TestNetwork.Channel);
        start.ArgumentList.Add("10");
        using var node = Process.Start(start)!;
        using var cts = new CancellationTokenSource(Timeout);
        var output = node.StandardOutput.ReadToEndAsync(cts.Token);
        var errors = node.StandardError.ReadToEndAsync(cts.Token);
        await node.WaitForExitAsync(cts.Token);
        Assert.True(node.ExitCode == 0, await errors);

        using var result = JsonDocument.Parse(await output);
        Assert.Equal(peer.PkiIdHex, result.RootElement.GetProperty("pkiId").GetString());
        Assert.Equal(peer.MspId, result.RootElement.GetProperty("organization").GetString());
        var numbers = result.RootElement.GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("number").GetUInt64()).ToList();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (ulong)i), numbers);

        var expected = await LocalApiReader.BlocksAsync(_network.LocalApi(peer), 0, 10, Timeout);
        Assert.Equal(
            expected.Select(b => Convert.ToHexStringLower(b.HeaderHash.Span)),
            result.RootElement.GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("headerHash").GetString()));
    }
}
