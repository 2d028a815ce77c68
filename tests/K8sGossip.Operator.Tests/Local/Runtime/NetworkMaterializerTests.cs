using K8sGossip.Gossip.Identity;
using K8sGossip.Operator.Local.Runtime;
using K8sGossip.Operator.Planning;
using K8sGossip.Operator.Planning.Manifests;
using K8sGossip.Operator.Tests.Support;
using K8sGossip.Sidecar.Configuration;
using K8sGossip.Sidecar.Configuration.Channels;

namespace K8sGossip.Operator.Tests.Local.Runtime;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class NetworkMaterializerTests : IDisposable
{
    private const int BasePort = 23050;
    private static readonly IReadOnlyDictionary<string, string?> NoEnvironment = new Dictionary<string, string?>();
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("k8sgossip-state-");

    [Fact]
    public void Every_node_gets_credentials_in_the_msp_layout_and_both_configuration_files()
    {
        var network = Materialize("three-orgs");

        Assert.Equal(9, network.Peers.Count);
        foreach (var node in network.Nodes)
        {
            foreach (var file in new[]
            {
                NodeCredentialFiles.IdentityCertificate(node.Directory), NodeCredentialFiles.IdentityKey(node.Directory),
                NodeCredentialFiles.OrganizationCa(node.Directory), NodeCredentialFiles.TlsCertificate(node.Directory),
                NodeCredentialFiles.TlsKey(node.Directory), NodeCredentialFiles.TlsAuthorities(node.Directory),
                Path.Combine(node.Directory, "core.yaml"), Path.Combine(node.Directory, "channels.yaml"),
            })
            {
                Assert.True(File.Exists(file), $"{node.Name}: {file} is missing");
            }

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(NodeCredentialFiles.IdentityKey(node.Directory)));
        }

        Assert.All(network.Peers, p => Assert.True(File.Exists(NodeCredentialFiles.Orderers(p.Directory))));
        Assert.True(File.Exists(CertificateAuthorityStore.KeyFile(Path.Combine(_state.FullName, "organizations", "org1", "ca"))));
        Assert.True(File.Exists(CertificateAuthorityStore.KeyFile(Path.Combine(_state.FullName, "orderer", "ca"))));
        Assert.True(File.Exists(network.Client.CertificateFile) && File.Exists(network.Client.KeyFile));
    }

    [Fact]
    public void Peer_configuration_loads_with_the_sidecars_own_loader_and_matches_the_plan()
    {
        var network = Materialize("three-orgs");
        var plan = network.Plan;
        var org2 = plan.Organizations.Single(o => o.Name == "org2");
        var peer = org2.Peers[1];

        var configuration = SidecarConfigurationLoader.Load(Path.Combine(peer.DataDirectory, "core.yaml"), NoEnvironment);
        var channels = ChannelConfigurationLoader.Load(configuration);

        Assert.Equal(peer.Name, configuration.Peer.Id);
        Assert.Equal("Org2MSP", configuration.Peer.MspId);
        Assert.Equal(peer.InternalEndpoint.Port, configuration.Ports.Peer);
        Assert.Equal(peer.AdminEndpoint.Port, configuration.Ports.Admin);
        Assert.Equal(peer.LocalApiEndpoint.Port, configuration.Ports.LocalApi);
        Assert.Equal(peer.Bootstrap.Select(b => b.Port), configuration.Gossip.Bootstrap.Select(b => b.Port));
        Assert.Equal(peer.InternalEndpoint.Port, configuration.Gossip.ExternalEndpoint?.Port);
        Assert.Equal(["audit", "trade"], channels.Channels.Select(c => c.Name).Order(StringComparer.Ordinal));
        var audit = channels.Channels.Single(c => c.Name == "audit");
        Assert.Equal(10, audit.AdaptiveThreshold);
        Assert.Equal(2, audit.AnchorPeers.Count);
        Assert.Contains("OrdererMSP", channels.TrustBundle.Keys);
    }

    [Fact]
    public void Organization_gossip_tuning_reaches_its_peers_configuration()
    {
        var network = Materialize("three-orgs");
        var peer = network.Peers.First(p => p.Name == "org1-0");

        var configuration = SidecarConfigurationLoader.Load(peer.ConfigFile, NoEnvironment);

        Assert.Equal(TimeSpan.FromSeconds(4), configuration.Gossip.PullInterval);
        Assert.Equal(TimeSpan.FromSeconds(2), configuration.Gossip.AliveTimeInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), configuration.Gossip.AliveExpirationTimeout);
    }

    [Fact]
    public void Orderer_configuration_loads_and_lists_every_channel()
    {
        var network = Materialize("three-orgs");

        var configuration = SidecarConfigurationLoader.Load(network.Orderer.ConfigFile, NoEnvironment);
        var channels = ChannelConfigurationLoader.Load(configuration);

        Assert.Equal(BasePort, configuration.Ports.Peer);
        Assert.Equal(BasePort + 1, configuration.Ports.Admin);
        Assert.Equal(["audit", "trade"], channels.Channels.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["OrdererMSP", "Org1MSP", "Org2MSP", "Org3MSP"], channels.TrustBundle.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Credentials_chain_to_their_organizations_ca_and_carry_the_msp_id()
    {
        var network = Materialize("three-orgs");
        var node = network.Peers.First(p => p.Name == "org3-2");
        var caDirectory = Path.Combine(_state.FullName, "organizations", "org3", "ca");
        using var authority = CertificateAuthority.FromPem("Org3MSP", File.ReadAllText(CertificateAuthorityStore.CertificateFile(caDirectory)), null, TimeProvider.System);

        var credentials = PeerCredentials.FromPem(
            "Org3MSP",
            File.ReadAllText(NodeCredentialFiles.IdentityCertificate(node.Directory)),
            File.ReadAllText(NodeCredentialFiles.IdentityKey(node.Directory)),
            File.ReadAllText(NodeCredentialFiles.TlsCertificate(node.Directory)),
            File.ReadAllText(NodeCredentialFiles.TlsKey(node.Directory)));

        Assert.True(CertificateAuthorityStore.IsIssuedBy(credentials.IdentityCertificate, authority, TimeProvider.System));
        Assert.True(CertificateAuthorityStore.IsIssuedBy(credentials.TlsCertificate, authority, TimeProvider.System));
        Assert.Equal(network.PkiIds["org3-2"], credentials.PkiId.ToString());
        Assert.Contains("CN=org3-2", credentials.IdentityCertificate.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_run_reuses_every_credential_so_pki_ids_stay_the_same()
    {
        var first = Materialize("three-orgs");
        var keyBefore = File.ReadAllText(NodeCredentialFiles.IdentityKey(first.Peers[0].Directory));

        var second = Materialize("three-orgs");

        Assert.Equal(10, first.IssuedNodes.Count);
        Assert.Empty(second.IssuedNodes);
        Assert.Equal(first.PkiIds, second.PkiIds);
        Assert.Equal(keyBefore, File.ReadAllText(NodeCredentialFiles.IdentityKey(second.Peers[0].Directory)));
    }

    [Fact]
    public void A_second_run_rewrites_changed_configuration_and_keeps_the_ledger()
    {
        var first = Materialize("three-orgs");
        var peer = first.Peers[0];
        var ledger = Path.Combine(peer.Directory, "data", "trade", "blocks.dat");
        Directory.CreateDirectory(Path.GetDirectoryName(ledger)!);
        File.WriteAllText(ledger, "blocks");
        var core = File.ReadAllText(peer.ConfigFile);
        File.WriteAllText(peer.ConfigFile, "damaged");

        Materialize("three-orgs");

        Assert.Equal(core, File.ReadAllText(peer.ConfigFile));
        Assert.Equal("blocks", File.ReadAllText(ledger));
    }

    [Fact]
    public void A_credential_not_issued_by_the_current_ca_is_reissued()
    {
        var first = Materialize("one-org");
        var peer = first.Peers[1];
        var caDirectory = Path.Combine(_state.FullName, "organizations", "acme", "ca");
        File.Delete(CertificateAuthorityStore.KeyFile(caDirectory));

        var second = Materialize("one-org");

        Assert.Equal(3, second.IssuedNodes.Count);
        Assert.NotEqual(first.PkiIds[peer.Name], second.PkiIds[peer.Name]);
        Assert.Equal(first.PkiIds["orderer"], second.PkiIds["orderer"]);
    }

    public void Dispose() => _state.Delete(recursive: true);

    private MaterializedNetwork Materialize(string example)
    {
        var result = NetworkPlanner.Plan(ManifestLoader.Load(RepositoryPaths.Example(example)), new LocalTarget(_state.FullName, BasePort));
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return new NetworkMaterializer(TimeProvider.System).Materialize(result.Plan!);
    }
}
