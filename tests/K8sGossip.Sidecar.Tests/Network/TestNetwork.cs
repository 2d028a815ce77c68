using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Google.Protobuf;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;
using K8sGossip.Rpc.Client;
using K8sGossip.Sidecar.Deliver;
using K8sGossip.Sidecar.LocalApi;
using K8sGossip.Sidecar.LocalApi.Protos;
using K8sGossip.Sidecar.Orderer;

namespace K8sGossip.Sidecar.Tests.Network;

/// <summary>
/// A network of sidecar processes on 127.0.0.1 for end-to-end tests: a CA per organization (and one for the ordering
/// service), credentials as PEM files in Fabric's MSP layout, a core.yaml and channels.yaml per node, a solo orderer and
/// peers of two organizations with mutual TLS.
/// </summary>
internal sealed class TestNetwork : IAsyncDisposable
{
    public const string Channel = "mychannel";
    public const string OrdererMsp = "OrdererMSP";

    private readonly Dictionary<string, CertificateAuthority> _authorities = new(StringComparer.Ordinal);
    private readonly List<RpcChannel> _clients = [];
    private readonly string _mode;
    private readonly bool _staticLeaders;

    /// <summary>A network in dissemination <paramref name="mode"/>; with <paramref name="staticLeaders"/> the first peer of
    /// each organization is its static leader, otherwise leaders are elected.</summary>
    public TestNetwork(string mode, int organizations = 2, int peersPerOrganization = 2, bool staticLeaders = false)
    {
        _mode = mode;
        _staticLeaders = staticLeaders;
        Root = Directory.CreateTempSubdirectory("k8sgossip-net-").FullName;
        foreach (var msp in Enumerable.Range(1, organizations).Select(i => $"Org{i}MSP").Append(OrdererMsp))
        {
            _authorities[msp] = CertificateAuthority.Create(msp, TimeProvider.System);
        }

        Directory.CreateDirectory(Path.Combine(Root, "cas"));
        foreach (var (msp, ca) in _authorities)
        {
            File.WriteAllText(Path.Combine(Root, "cas", $"{msp}.pem"), ca.ExportCertificatePem());
        }

        Orderer = CreateNode("orderer", OrdererMsp, FreePorts.Port());
        for (var org = 1; org <= organizations; org++)
        {
            for (var i = 0; i < peersPerOrganization; i++)
            {
                Peers.Add(CreateNode($"peer{i}.org{org}", $"Org{org}MSP", FreePorts.Port()));
            }
        }
    }

    public string Root { get; }

    public TestNode Orderer { get; }

    public List<TestNode> Peers { get; } = [];

    public IEnumerable<TestNode> PeersOf(string mspId) => Peers.Where(p => p.MspId == mspId);

    /// <summary>Writes every node's files and starts the orderer and the peers, except <paramref name="later"/>.</summary>
    public void Start(params TestNode[] later)
    {
        WriteFiles();
        StartNode(Orderer);
        foreach (var peer in Peers.Except(later))
        {
            StartNode(peer);
        }
    }

    public void StartNode(TestNode node) =>
        node.Process = SidecarProcess.Start(node.Name, node.Directory, "--config", node.ConfigFile, "--bind", "127.0.0.1");

    /// <summary>The local API of <paramref name="peer"/> (h2c on 127.0.0.1).</summary>
    public RpcChannel LocalApi(TestNode peer)
    {
        var channel = new RpcChannel(new Uri($"http://127.0.0.1:{peer.LocalApiPort}"));
        _clients.Add(channel);
        return channel;
    }

    /// <summary>Submits <paramref name="count"/> envelopes to the orderer (one block each: batch.maxMessages is 1). Returns
    /// the orderer's height after the last one, which it reports only once that block is durable.</summary>
    public async Task<ulong> SubmitAsync(int count, CancellationToken ct)
    {
        var tls = new MutualTlsIdentity(Peers[0].Credentials.TlsCertificate, [.. _authorities.Values.Select(a => a.Certificate)]);
        using var channel = new RpcChannel(new Uri($"https://127.0.0.1:{Orderer.Port}"), tls.ChannelOptions(1024 * 1024, TimeProvider.System));
        ulong accepted = 0;
        for (var i = 0; i < count; i++)
        {
            var request = new SubmitRequest { Channel = Channel, Payload = ByteString.CopyFromUtf8($"tx-{i}-{Guid.NewGuid():N}") };
            accepted = (await channel.UnaryAsync(BroadcastMethods.Submit, request, new CallOptions(CancellationToken: ct))).Accepted;
        }

        return accepted;
    }

    /// <summary>The committed height of <paramref name="peer"/> in the test channel.</summary>
    public async Task<ulong> HeightAsync(TestNode peer, CancellationToken ct) =>
        (await LocalApi(peer).UnaryAsync(LocalApiMethods.Status, new StatusRequest(), new CallOptions(CancellationToken: ct))).Channels.Single().Height;

    /// <summary>The status of every running peer.</summary>
    public async Task<Dictionary<TestNode, StatusReply>> StatusesAsync(IEnumerable<TestNode> peers, CancellationToken ct)
    {
        var result = new Dictionary<TestNode, StatusReply>();
        foreach (var peer in peers)
        {
            result[peer] = await LocalApi(peer).UnaryAsync(LocalApiMethods.Status, new StatusRequest(), new CallOptions(CancellationToken: ct));
        }

        return result;
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails with every process's output after <paramref name="timeout"/>.</summary>
    public async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (new[] { Orderer }.Concat(Peers).FirstOrDefault(n => n.Process is { HasExited: true } && !n.ExpectedToExit) is { } crashed)
            {
                Assert.Fail($"{crashed.Name} exited with code {crashed.Process!.ExitCode} while waiting for {what}.\n{Logs()}");
            }

            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is K8sGossip.Rpc.RpcException or HttpRequestException or IOException)
            {
                last = e;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        Assert.Fail($"Timed out after {timeout} waiting for {what}. Last error: {last?.Message}\n{Logs()}");
    }

    /// <summary>The tail of every node's output, for failure messages.</summary>
    public string Logs() =>
        string.Join("\n", new[] { Orderer }.Concat(Peers).Select(n => n.Process is null ? string.Empty : string.Join('\n', n.Process.Output.Split('\n').TakeLast(40))));

    /// <summary>The HTTP status of an admin endpoint of <paramref name="node"/>.</summary>
    public static async Task<HttpStatusCode> AdminAsync(TestNode node, string path, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{node.AdminPort}{path}"), ct);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        foreach (var node in Peers.Append(Orderer))
        {
            if (node.Process is { } process)
            {
                await process.DisposeAsync();
            }
        }

        foreach (var ca in _authorities.Values)
        {
            ca.Dispose();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a file for a moment; the temp directory is cleaned by the system.
        }
    }

    private TestNode CreateNode(string name, string msp, int port)
    {
        var credentials = _authorities[msp].IssuePeer(name, ["localhost"], [IPAddress.Loopback]);
        var directory = Path.Combine(Root, name);
        return new TestNode(name, msp, directory, port, FreePorts.Port(), FreePorts.Port(), credentials);
    }

    private void WriteFiles()
    {
        var caBundle = string.Concat(_authorities.Values.Select(a => a.ExportCertificatePem() + "\n"));
        foreach (var node in Peers.Append(Orderer))
        {
            Write(node, "msp/signcerts/cert.pem", node.Credentials.ExportIdentityCertificatePem());
            Write(node, "msp/keystore/key.pem", node.Credentials.ExportIdentityKeyPem());
            Write(node, "msp/cacerts/ca.pem", _authorities[node.MspId].ExportCertificatePem());
            Write(node, "tls/server.crt", node.Credentials.ExportTlsCertificatePem());
            Write(node, "tls/server.key", node.Credentials.ExportTlsKeyPem());
            Write(node, "tls/ca.crt", caBundle);
            if (node != Orderer)
            {
                Write(node, "msp/orderers/orderer.pem", Orderer.Credentials.ExportIdentityCertificatePem());
            }

            Write(node, "channels.yaml", ChannelsYaml());
            Write(node, "core.yaml", node == Orderer ? OrdererYaml() : PeerYaml(node));
        }
    }

    private string ChannelsYaml()
    {
        var organizations = _authorities.Keys.Where(k => k != OrdererMsp).ToList();
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"""
            channels:
              - name: {Channel}
                organizations: [{string.Join(", ", organizations)}]
                anchorPeers:

            """);
        foreach (var org in organizations)
        {
            sb.Append(CultureInfo.InvariantCulture, $"      - organization: {org}\n        endpoint: {PeersOf(org).First().Endpoint}\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"""
                ordererEndpoints: [{Orderer.Endpoint}]
                dissemination:
                  mode: {_mode}
            trustBundle:

            """);
        foreach (var msp in _authorities.Keys)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {msp}: {Path.Combine(Root, "cas", msp + ".pem")}\n");
        }

        return sb.ToString();
    }

    private string PeerYaml(TestNode node)
    {
        var bootstrap = string.Join(", ", PeersOf(node.MspId).Where(p => p != node).Select(p => p.Endpoint));
        return $"""
            peer:
              id: {node.Name}
              address: {node.Endpoint}
              localMspId: {node.MspId}
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
                useLeaderElection: {(_staticLeaders ? "false" : "true")}
                orgLeader: {(_staticLeaders && PeersOf(node.MspId).First() == node ? "true" : "false")}
            k8sgossip:
              role: peer
              dataDir: data
              channelsFile: channels.yaml
              ports:
                peer: {node.Port}
                admin: {node.AdminPort}
                localApi: {node.LocalApiPort}
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

        """;

    private static void Write(TestNode node, string relative, string text)
    {
        var path = Path.Combine(node.Directory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
