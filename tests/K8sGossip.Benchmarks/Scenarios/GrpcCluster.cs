using System.Net;
using K8sGossip.Gossip.Channels;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Node;
using K8sGossip.Rpc.Security;
using K8sGossip.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Benchmarks.Scenarios;

/// <summary>n gossip nodes of one org in this process, each on its own gRPC peer port on 127.0.0.1 with mutual TLS
/// (certificates from the org's CA), on the real clock.</summary>
internal sealed class GrpcCluster : IAsyncDisposable
{
    private readonly List<GrpcTransport> _transports = [];

    private GrpcCluster(List<GossipNode> nodes, List<GrpcTransport> transports)
    {
        Nodes = nodes;
        _transports = transports;
    }

    public IReadOnlyList<GossipNode> Nodes { get; }

    public static async Task<GrpcCluster> StartAsync(BenchmarkArguments a, int seed, int n, bool startNodes = true)
    {
        const string org = "Org1MSP";
        var ca = CertificateAuthority.Create(org, TimeProvider.System);
        var bundle = TrustBundle.From(ca);
        var validator = CertificateTrust.ChainsToAny([ca.Certificate]);
        var transports = new List<GrpcTransport>();
        var credentials = new List<PeerCredentials>();
        for (var i = 0; i < n; i++)
        {
            var peer = ca.IssuePeer($"peer{i}.{org}", ["localhost"], [IPAddress.Loopback]);
            credentials.Add(peer);
            transports.Add(await GrpcTransport.BindAsync(
                new GrpcTransportOptions { Certificate = peer.TlsCertificate, PeerCertificateValidator = validator },
                NullLoggerFactory.Instance,
                CancellationToken.None));
        }

        var profile = a.FabricDefaults ? GossipProfile.FabricDefaults : GossipProfile.Default;
        var dissemination = a.FabricDefaults ? Gossip.Dissemination.DisseminationOptions.FabricDefaults() : new Gossip.Dissemination.DisseminationOptions();
        dissemination.PullEnabled = !a.NoPull;
        var seeds = new Random(seed);
        var nodes = new List<GossipNode>();
        for (var i = 0; i < n; i++)
        {
            var options = new GossipNodeOptions
            {
                Signer = credentials[i].CreateSigner(),
                TrustBundle = bundle,
                Endpoint = transports[i].ListenEndpoint,
                Bootstrap = i == 0 ? [] : [transports[0].ListenEndpoint],
                Channels = [ChannelConfig.Of("ch1", org)],
                Profile = profile,
                Dissemination = dissemination.Clone(),
                TrackHeightFromDeliveries = true,
            };
            nodes.Add(new GossipNode(options, transports[i], new NodeContext(TimeProvider.System, new Random(seeds.Next()))));
        }

        var cluster = new GrpcCluster(nodes, transports);
        if (startNodes)
        {
            cluster.StartNodes();
        }

        return cluster;
    }

    /// <summary>Starts every node (ports are bound already).</summary>
    public void StartNodes()
    {
        foreach (var node in Nodes)
        {
            node.Start();
        }
    }

    /// <summary>Polls <paramref name="condition"/> every 10 ms until it holds or <paramref name="timeout"/> passes.</summary>
    public static async Task<bool> WaitAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            node.Stop();
        }

        foreach (var transport in _transports)
        {
            await transport.DisposeAsync();
        }
    }
}
