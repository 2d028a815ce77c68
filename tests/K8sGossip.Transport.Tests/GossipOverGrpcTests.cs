using System.Collections.Concurrent;
using System.Net;
using K8sGossip.Gossip.Channels;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Node;
using K8sGossip.Rpc.Security;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Transport.Tests;

/// <summary>The whole engine on the real transport: gossip nodes in this process, each on its own port on 127.0.0.1,
/// talking gRPC over HTTP/2 with mutual TLS, on the real clock.</summary>
public sealed class GossipOverGrpcTests : IAsyncLifetime
{
    private const string Org = "Org1MSP";
    private const string Channel = "ch1";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly CertificateAuthority _ca = CertificateAuthority.Create(Org, TimeProvider.System);
    private readonly List<GrpcTransport> _transports = [];
    private readonly List<GossipNode> _nodes = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            node.Stop();
        }

        foreach (var transport in _transports)
        {
            await transport.DisposeAsync();
        }
    }

    [Fact]
    public async Task Eight_nodes_with_mutual_tls_converge_and_deliver_every_one_of_100_blocks()
    {
        for (var i = 0; i < 8; i++)
        {
            await AddNodeAsync(_ca.IssuePeer($"peer{i}.org1", ["localhost"], [IPAddress.Loopback]), signer: null);
        }

        var received = _nodes.ToDictionary(n => n, _ => new ConcurrentDictionary<ulong, byte[]>());
        foreach (var node in _nodes)
        {
            node.DataDelivered += d => received[node].TryAdd(d.Seq, d.Data.ToArray());
            node.Start();
        }

        await EventuallyAsync(() => _nodes.All(n => n.Membership.Current.Alive.Count() == 7), "membership to converge");
        await EventuallyAsync(() => _nodes.All(n => n.Channel(Channel).View.Members.Length == 7), "channel views to fill");

        var random = new Random(8);
        var blocks = Enumerable.Range(0, 100).Select(_ =>
        {
            var bytes = new byte[2048];
            random.NextBytes(bytes);
            return bytes;
        }).ToList();
        for (var seq = 0; seq < blocks.Count; seq++)
        {
            _nodes[0].Publish(Channel, (ulong)seq, blocks[seq]);
        }

        var receivers = _nodes.Skip(1).ToList();
        await EventuallyAsync(() => receivers.All(n => received[n].Count == blocks.Count), "every node to receive all 100 blocks");
        Assert.All(receivers, n => Assert.All(Enumerable.Range(0, blocks.Count), seq => Assert.Equal(blocks[seq], received[n][(ulong)seq])));
        Assert.All(_nodes, n => Assert.True(n.Counters.TotalRejections == 0, string.Join(", ", n.Counters.Snapshot().Where(c => c.Value > 0 && c.Key.StartsWith(NodeCounters.RejectionPrefix, StringComparison.Ordinal)))));
    }

    [Fact]
    public async Task A_node_whose_identity_comes_from_an_unknown_ca_is_refused_at_the_handshake()
    {
        for (var i = 0; i < 3; i++)
        {
            await AddNodeAsync(_ca.IssuePeer($"peer{i}.org1", ["localhost"], [IPAddress.Loopback]), signer: null);
        }

        // A TLS certificate the transport accepts, but a signing identity from a CA no organization trusts: only the
        // gossip handshake can tell, and it must.
        var rogueCa = CertificateAuthority.Create(Org, TimeProvider.System);
        var rogueIdentity = rogueCa.IssuePeer("rogue.org1", ["localhost"], [IPAddress.Loopback]);
        var rogue = await AddNodeAsync(_ca.IssuePeer("rogue-tls.org1", ["localhost"], [IPAddress.Loopback]), rogueIdentity.CreateSigner());

        foreach (var node in _nodes)
        {
            node.Start();
        }

        var honest = _nodes.Where(n => n != rogue).ToList();
        await EventuallyAsync(() => honest.All(n => n.Membership.Current.Alive.Count() == honest.Count - 1), "the honest nodes to converge");
        await EventuallyAsync(() => _nodes[0].Counters.Get(RejectionReason.UnknownAuthority) > 0, "the bootstrap node to refuse the rogue handshake");

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.All(honest, n => Assert.False(n.Membership.Current.TryGet(rogue.Identity.PkiId, out _)));
        Assert.Empty(rogue.Membership.Current.Alive);
        Assert.DoesNotContain(rogue.Identity.PkiId, _nodes[0].Comm.ConnectedPeers);
    }

    [Fact]
    public async Task Two_peers_that_message_each_other_at_once_share_one_connection_and_one_handshake_each()
    {
        var first = await AddNodeAsync(_ca.IssuePeer("peer0.org1", ["localhost"], [IPAddress.Loopback]), signer: null);
        var second = await AddNodeAsync(_ca.IssuePeer("peer1.org1", ["localhost"], [IPAddress.Loopback]), signer: null);
        var (lower, higher) = first.Identity.PkiId < second.Identity.PkiId ? (first, second) : (second, first);
        var inboxes = new[] { lower, higher }.ToDictionary(n => n, _ => new ConcurrentQueue<string>());
        foreach (var node in inboxes.Keys)
        {
            node.Comm.Handle(Gossip.Protos.GossipMessage.ContentOneofCase.App, m => inboxes[node].Enqueue(m.Message.App.Payload.ToStringUtf8()));
            node.Comm.Start();
        }

        static Gossip.Protos.Envelope App(string text) => SignedEnvelope.Unsigned(new Gossip.Protos.GossipMessage
        {
            Tag = Gossip.Protos.RoutingTag.Any,
            App = new Gossip.Protos.AppMessage { Topic = "t", Payload = Google.Protobuf.ByteString.CopyFromUtf8(text) },
        });

        higher.Comm.Send(new RemotePeer(lower.Identity.PkiId, lower.Comm.ListenEndpoint), App("from higher"));
        lower.Comm.Send(new RemotePeer(higher.Identity.PkiId, higher.Comm.ListenEndpoint), App("from lower"));
        await EventuallyAsync(() => !inboxes[lower].IsEmpty && !inboxes[higher].IsEmpty, "both messages to arrive");

        // The higher PKI-ID defers its dial; the lower one's connection arrives first, so that dial never starts.
        Assert.Equal(["from higher"], inboxes[lower]);
        Assert.Equal(["from lower"], inboxes[higher]);
        Assert.Equal(1, higher.Counters.Get("comm.dials.abandoned"));
        Assert.Equal(1, higher.Counters.Get("comm.handshakes.ok"));
        Assert.Equal(1, lower.Counters.Get("comm.handshakes.ok"));
        Assert.Equal(0, higher.Counters.Get("comm.connections.deduplicated"));
        Assert.Equal([lower.Identity.PkiId], higher.Comm.ConnectedPeers);
    }

    private async Task<GossipNode> AddNodeAsync(PeerCredentials tls, ISigner? signer)
    {
        var transport = await GrpcTransport.BindAsync(
            new GrpcTransportOptions { Certificate = tls.TlsCertificate, PeerCertificateValidator = CertificateTrust.ChainsToAny([_ca.Certificate]) },
            NullLoggerFactory.Instance,
            CancellationToken.None);
        _transports.Add(transport);
        var node = new GossipNode(
            new GossipNodeOptions
            {
                Signer = signer ?? tls.CreateSigner(),
                TrustBundle = TrustBundle.From(_ca),
                Endpoint = transport.ListenEndpoint,
                Bootstrap = _nodes.Count == 0 ? [] : [_transports[0].ListenEndpoint],
                Channels = [ChannelConfig.Of(Channel, Org)],
            },
            transport,
            new NodeContext(TimeProvider.System, new Random(_nodes.Count)));
        _nodes.Add(node);
        return node;
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {Patience} waiting for {what}.");
            await Task.Delay(50);
        }
    }
}
