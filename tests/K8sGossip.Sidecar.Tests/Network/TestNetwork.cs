using System.Net;
using System.Security.Cryptography.X509Certificates;
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
internal sealed partial class TestNetwork : IAsyncDisposable
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

    /// <summary>Blocks behind the orderer beyond which an adaptive peer streams from an organization peer
    /// (<c>dissemination.threshold</c>); null keeps the default. Only with mode <c>adaptive</c>.</summary>
    public int? AdaptiveThreshold { get; init; }

    /// <summary>Blocks per second the orderer's generator cuts (<c>k8sgossip.orderer.generator.rate</c>); 0 turns it off.
    /// A change takes effect when the orderer is restarted (<see cref="RestartAsync"/>).</summary>
    public int OrdererGeneratorRate { get; set; }

    /// <summary>Payload bytes of each generated block (<c>k8sgossip.orderer.generator.blockBytes</c>).</summary>
    public int OrdererGeneratorBlockBytes { get; init; } = 64;

    /// <summary>Environment variables set on every node process started from now on (for example configuration
    /// overrides such as <c>K8SGOSSIP_…</c>). Workstation GC without PGO keeps many sidecars on a 2-core machine small
    /// and steady.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal)
    {
        ["DOTNET_gcServer"] = "0",
        ["DOTNET_TieredPGO"] = "0",
    };

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
        node.Process = SidecarProcess.Start(node.Name, node.Directory, ["--config", node.ConfigFile, "--bind", "127.0.0.1"], Environment);

    /// <summary>Adds a peer of <paramref name="mspId"/> that <see cref="Start"/> leaves out when passed as "later". With
    /// <paramref name="lowestPkiId"/> its credentials are issued again until its PKI-ID (derived from the certificate) is
    /// below every other peer's of the organization, so that an election by PKI-ID alone would pick it.</summary>
    public TestNode AddPeer(string mspId, bool lowestPkiId = false)
    {
        var existing = PeersOf(mspId).ToList();
        var name = $"peer{existing.Count}.{mspId.Replace("MSP", string.Empty, StringComparison.Ordinal).ToLowerInvariant()}";
        var node = CreateNode(name, mspId, FreePorts.Port());
        while (lowestPkiId && existing.Any(p => p.Credentials.PkiId.CompareTo(node.Credentials.PkiId) <= 0))
        {
            node = CreateNode(name, mspId, node.Port);
        }

        Peers.Add(node);
        return node;
    }

    /// <summary>A mutual-TLS channel to the orderer's peer port (Broadcast and Deliver), as a member of Org1.</summary>
    public RpcChannel OrdererChannel()
    {
        var tls = new MutualTlsIdentity(Peers[0].Credentials.TlsCertificate, [.. _authorities.Values.Select(a => a.Certificate)]);
        var channel = new RpcChannel(new Uri($"https://127.0.0.1:{Orderer.Port}"), tls.ChannelOptions(16 * 1024 * 1024, TimeProvider.System));
        _clients.Add(channel);
        return channel;
    }

    /// <summary>Stops <paramref name="node"/> as Kubernetes does (SIGTERM), waits until it exits with 0, writes its
    /// configuration again (so changed settings take effect) and starts it on the same ports and data.</summary>
    public async Task RestartAsync(TestNode node, TimeSpan timeout)
    {
        var process = node.Process ?? throw new InvalidOperationException($"{node.Name} is not running.");
        node.ExpectedToExit = true;
        process.Terminate();
        Assert.True(await process.WaitForExitAsync(timeout), $"{node.Name} did not exit after SIGTERM.\n{process.Output}");
        Assert.True(process.ExitCode == 0, $"{node.Name} exited with {process.ExitCode}.\n{process.Output}");
        await process.DisposeAsync();
        WriteFiles(node, string.Concat(_authorities.Values.Select(a => a.ExportCertificatePem() + "\n")));
        node.ExpectedToExit = false;
        StartNode(node);
    }

    /// <summary>The orderer's height (a Deliver head probe); throws while it is not listening.</summary>
    public async Task<ulong> OrdererHeightAsync(CancellationToken ct) => await OrdererBlockReader.HeightAsync(OrdererChannel(), ct);

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
}
