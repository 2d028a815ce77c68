using System.Globalization;
using System.Net;
using System.Text;
using Google.Protobuf;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;
using K8sGossip.Rpc.Client;
using K8sGossip.Sidecar.Deliver;
using K8sGossip.Sidecar.LocalApi;
using K8sGossip.Sidecar.LocalApi.Protos;
using K8sGossip.Sidecar.Orderer;

namespace K8sGossip.Benchmarks.LocalNetwork;

/// <summary>
/// Real <c>k8sgossip-sidecar</c> processes on 127.0.0.1 with mutual TLS: a CA for the organization and one for the
/// ordering service, credentials as PEM files in Fabric's MSP layout, a core.yaml and channels.yaml per node, a solo
/// orderer and the organization's peers. The runner reads the peers through their local API and the orderer's height
/// through a Deliver head probe, as an operator would.
/// </summary>
internal sealed class SidecarNetwork : IAsyncDisposable
{
    public const string OrgMsp = "Org1MSP";
    public const string OrdererMsp = "OrdererMSP";
    private const int MaxMessageBytes = 17 * 1024 * 1024;

    private readonly CertificateAuthority _orgCa;
    private readonly CertificateAuthority _ordererCa;
    private readonly DeliverChannelPool _pool;
    private readonly RpcChannel _broadcast;
    private NetworkSpec _spec;

    private SidecarNetwork(NetworkSpec spec)
    {
        _spec = spec;
        Root = Directory.CreateTempSubdirectory("k8sgossip-bench-").FullName;
        _orgCa = CertificateAuthority.Create(OrgMsp, TimeProvider.System);
        _ordererCa = CertificateAuthority.Create(OrdererMsp, TimeProvider.System);
        Orderer = CreateNode("orderer", _ordererCa);
        for (var i = 0; i < spec.Peers; i++)
        {
            Peers.Add(CreateNode($"peer{i}.org1", _orgCa));
        }

        // The runner is a client of the organization, like an application's SDK would be.
        var client = _orgCa.IssuePeer("bench-client.org1", ["localhost"], [IPAddress.Loopback]);
        var tls = new MutualTlsIdentity(client.TlsCertificate, [_orgCa.Certificate, _ordererCa.Certificate]);
        _pool = new DeliverChannelPool(tls, MaxMessageBytes, TimeProvider.System);
        _broadcast = new RpcChannel(new Uri($"https://{Orderer.Endpoint}"), tls.ChannelOptions(MaxMessageBytes, TimeProvider.System));
        WriteFiles();
    }

    public string Root { get; }

    public SidecarNode Orderer { get; }

    public List<SidecarNode> Peers { get; } = [];

    public IEnumerable<SidecarNode> All => Peers.Prepend(Orderer);

    /// <summary>Writes every node's files; nothing runs yet.</summary>
    public static SidecarNetwork Create(NetworkSpec spec) => new(spec);

    /// <summary>Starts the orderer and every peer.</summary>
    public void StartAll()
    {
        Start(Orderer);
        foreach (var peer in Peers)
        {
            Start(peer);
        }
    }

    public void Start(SidecarNode node) =>
        node.Process = SidecarProcess.Start(node.Name, node.Directory, "--config", node.ConfigFile, "--bind", "127.0.0.1");

    /// <summary>Stops the orderer gracefully and starts it again with another generator rate; its chain is kept.</summary>
    public async Task RestartOrdererAsync(int generatorRate)
    {
        if (Orderer.Process is { } process)
        {
            process.Terminate();
            if (!await process.WaitForExitAsync(TimeSpan.FromSeconds(20)))
            {
                process.Kill();
                await process.WaitForExitAsync(TimeSpan.FromSeconds(5));
            }

            await process.DisposeAsync();
        }

        _spec = _spec with { GeneratorRate = generatorRate };
        Write(Orderer, "core.yaml", OrdererYaml());
        Start(Orderer);
    }

    /// <summary>A peer's status, or null when it does not answer within <paramref name="timeout"/> (a second by default).</summary>
    public static async Task<StatusReply?> StatusAsync(SidecarNode peer, TimeSpan? timeout = null)
    {
        if (!peer.Running)
        {
            return null;
        }

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(1));
        try
        {
            return await peer.LocalApi.UnaryAsync(LocalApiMethods.Status, new StatusRequest(), new CallOptions(CancellationToken: cts.Token));
        }
        catch (Exception e) when (e is K8sGossip.Rpc.RpcException or HttpRequestException or IOException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Every peer's committed height of its first channel, asking each up to five times with a patient timeout
    /// (for measurements on a busy machine); null for a peer that never answered.</summary>
    public async Task<ulong?[]> HeightsAsync()
    {
        var heights = new ulong?[Peers.Count];
        for (var attempt = 0; attempt < 5 && heights.Any(h => h is null); attempt++)
        {
            var missing = Enumerable.Range(0, Peers.Count).Where(i => heights[i] is null).ToList();
            var replies = await Task.WhenAll(missing.Select(i => StatusAsync(Peers[i], TimeSpan.FromSeconds(5))));
            for (var k = 0; k < missing.Count; k++)
            {
                heights[missing[k]] = replies[k]?.Channels.FirstOrDefault()?.Height;
            }
        }

        return heights;
    }

    /// <summary>The statuses of <paramref name="peers"/>, asked at the same time; null for a peer that did not answer.</summary>
    public static async Task<StatusReply?[]> StatusesAsync(IEnumerable<SidecarNode> peers) =>
        await Task.WhenAll(peers.Select(p => StatusAsync(p)));

    /// <summary>The orderer's height of <paramref name="channel"/>, or null when it does not answer (five tries of five
    /// seconds: the machine may be busy).</summary>
    public async Task<ulong?> OrdererHeightAsync(string channel)
    {
        var probe = new OrdererHeightProbe(_pool, channel, [BlockSourceEndpoint.Orderer(new Uri($"https://{Orderer.Endpoint}"))], TimeSpan.FromSeconds(5), TimeProvider.System);
        for (var attempt = 0; attempt < 5 && Orderer.Running; attempt++)
        {
            if (await probe.ProbeAsync(CancellationToken.None) is { } height)
            {
                return height;
            }

            Console.Error.WriteLine($"The orderer did not answer a height probe (try {attempt + 1}).");
        }

        return null;
    }

    /// <summary>Submits one envelope to the orderer (one block: batch.maxMessages is 1); returns once the block is durable.</summary>
    public async Task SubmitAsync(string channel, ByteString payload, CancellationToken ct) =>
        await _broadcast.UnaryAsync(BroadcastMethods.Submit, new SubmitRequest { Channel = channel, Payload = payload }, new CallOptions(CancellationToken: ct));

    /// <summary>How many of the blocks 0 to <paramref name="height"/> − 1 <paramref name="peer"/> serves from its ledger
    /// through the local API (each distinct block number counted once).</summary>
    public static async Task<ulong> BlocksHeldAsync(SidecarNode peer, string channel, ulong height, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var seen = new HashSet<ulong>();
        try
        {
            using var call = peer.LocalApi.ServerStreaming(LocalApiMethods.Blocks, new BlocksRequest { Channel = channel, FromHeight = 0 }, new CallOptions(CancellationToken: cts.Token));
            while ((ulong)seen.Count < height && await call.ResponseStream.MoveNext(cts.Token))
            {
                if (call.ResponseStream.Current.Number < height)
                {
                    seen.Add(call.ResponseStream.Current.Number);
                }
                else
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is K8sGossip.Rpc.RpcException or HttpRequestException or IOException or OperationCanceledException)
        {
            Console.Error.WriteLine($"{peer.Name}: reading blocks stopped: {e.Message}");
        }

        return (ulong)seen.Count;
    }

    /// <summary>The last lines of every node's output, for a failure message on stderr.</summary>
    public string Logs(int lines = 30) =>
        string.Join('\n', All.Where(n => n.Process is not null).Select(n => n.Process!.Tail(lines)));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in All)
        {
            if (node.Process is { } process)
            {
                await process.DisposeAsync();
            }

            node.Dispose();
        }

        _broadcast.Dispose();
        _pool.Dispose();
        _orgCa.Dispose();
        _ordererCa.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a file for a moment; the temp directory is cleaned by the system.
        }
    }

    private SidecarNode CreateNode(string name, CertificateAuthority ca) =>
        new(name, ca == _orgCa ? OrgMsp : OrdererMsp, Path.Combine(Root, name), ca.IssuePeer(name, ["localhost"], [IPAddress.Loopback]));

    private void WriteFiles()
    {
        Directory.CreateDirectory(Path.Combine(Root, "cas"));
        File.WriteAllText(Path.Combine(Root, "cas", $"{OrgMsp}.pem"), _orgCa.ExportCertificatePem());
        File.WriteAllText(Path.Combine(Root, "cas", $"{OrdererMsp}.pem"), _ordererCa.ExportCertificatePem());
        var caBundle = _orgCa.ExportCertificatePem() + "\n" + _ordererCa.ExportCertificatePem() + "\n";
        var channels = ChannelsYaml();
        foreach (var node in All)
        {
            var ca = node == Orderer ? _ordererCa : _orgCa;
            Write(node, "msp/signcerts/cert.pem", node.Credentials.ExportIdentityCertificatePem());
            Write(node, "msp/keystore/key.pem", node.Credentials.ExportIdentityKeyPem());
            Write(node, "msp/cacerts/ca.pem", ca.ExportCertificatePem());
            Write(node, "tls/server.crt", node.Credentials.ExportTlsCertificatePem());
            Write(node, "tls/server.key", node.Credentials.ExportTlsKeyPem());
            Write(node, "tls/ca.crt", caBundle);
            if (node != Orderer)
            {
                Write(node, "msp/orderers/orderer.pem", Orderer.Credentials.ExportIdentityCertificatePem());
            }

            Write(node, "channels.yaml", channels);
            Write(node, "core.yaml", node == Orderer ? OrdererYaml() : PeerYaml(node));
        }
    }

    private string ChannelsYaml()
    {
        var sb = new StringBuilder("channels:\n");
        foreach (var channel in _spec.Channels)
        {
            sb.Append(CultureInfo.InvariantCulture, $"""
                  - name: {channel}
                    organizations: [{OrgMsp}]
                    anchorPeers:
                      - organization: {OrgMsp}
                        endpoint: {Peers[0].Endpoint}
                    ordererEndpoints: [{Orderer.Endpoint}]
                    dissemination:
                      mode: gossip

                """);
        }

        sb.Append(CultureInfo.InvariantCulture, $"""
            trustBundle:
              {OrgMsp}: {Path.Combine(Root, "cas", OrgMsp + ".pem")}
              {OrdererMsp}: {Path.Combine(Root, "cas", OrdererMsp + ".pem")}

            """);
        return sb.ToString();
    }

    private string PeerYaml(SidecarNode node)
    {
        var bootstrap = string.Join(", ", Peers.Where(p => p != node).Select(p => p.Endpoint));
        return $"""
            peer:
              id: {node.Name}
              address: {node.Endpoint}
              localMspId: {OrgMsp}
              mspConfigPath: msp
              tls:
                cert:
                  file: tls/server.crt
                key:
                  file: tls/server.key
                rootcert:
                  file: tls/ca.crt
                clientRootCAs:
                  files: [tls/ca.crt]
              gossip:
                bootstrap: [{bootstrap}]
                externalEndpoint: {node.Endpoint}
                useLeaderElection: true
                orgLeader: false{(_spec.StateTransfer ? "\n    state:\n      enabled: true" : string.Empty)}
            k8sgossip:
              role: peer
              profile: {_spec.Profile}
              dataDir: data
              channelsFile: channels.yaml
              ports:
                peer: {node.Port}
                admin: {node.AdminPort}
                localApi: {node.LocalApiPort}
              election:
                mode: {_spec.Election}
              orderer:
                endpoints: [{Orderer.Endpoint}]
                mspId: {OrdererMsp}

            """;
    }

    private string OrdererYaml() => $"""
        peer:
          id: {Orderer.Name}
          address: {Orderer.Endpoint}
          localMspId: {OrdererMsp}
          mspConfigPath: msp
          tls:
            cert:
              file: tls/server.crt
            key:
              file: tls/server.key
            rootcert:
              file: tls/ca.crt
            clientRootCAs:
              files: [tls/ca.crt]
        k8sgossip:
          role: orderer
          dataDir: data
          channelsFile: channels.yaml
          ports:
            peer: {Orderer.Port}
            admin: {Orderer.AdminPort}
            localApi: {Orderer.LocalApiPort}
          orderer:
            mspId: {OrdererMsp}
            batch:
              maxMessages: 1
              timeout: 50ms
            generator:
              rate: {_spec.GeneratorRate}
              blockBytes: {_spec.GeneratorBlockBytes}

        """;

    private static void Write(SidecarNode node, string relative, string text)
    {
        var path = Path.Combine(node.Directory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
