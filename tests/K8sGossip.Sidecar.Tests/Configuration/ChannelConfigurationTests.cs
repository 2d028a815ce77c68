using K8sGossip.Sidecar.Configuration;
using K8sGossip.Sidecar.Configuration.Channels;
using K8sGossip.Sidecar.Configuration.Model;
using K8sGossip.Sidecar.Configuration.Values;
using static K8sGossip.Sidecar.Tests.Configuration.ConfigurationFixture;

namespace K8sGossip.Sidecar.Tests.Configuration;

public sealed class ChannelConfigurationTests
{
    private const string ChannelsPath = "/etc/k8sgossip/channels.yaml";

    private const string TrustBundle = """
        trustBundle:
          Org1MSP: crypto/org1.pem
          Org2MSP: crypto/org2.pem
          OrdererMSP: /crypto/orderer.pem
        """;

    private static readonly SidecarConfiguration Core = LoadWith("k8sgossip:\n  orderer:\n    endpoints: [orderer0:7050]");

    [Fact]
    public void Example_channel_file_loads()
    {
        var path = Path.Combine(RepositoryRoot(), "sidecar/K8sGossip.Sidecar/Configuration/channels.yaml.example");

        var channels = ChannelConfigurationLoader.Load(Core with { ChannelsFile = path });

        Assert.Equal(["mychannel", "audit"], channels.Channels.Select(c => c.Name));
        var mychannel = channels.Channels[0];
        Assert.Equal(BlockDisseminationMode.Adaptive, mychannel.Dissemination);
        Assert.Equal(10, mychannel.AdaptiveThreshold);
        Assert.Equal([new AnchorPeer("Org1MSP", new HostPort("peer0.org1.example.com", 7051)), new AnchorPeer("Org2MSP", new HostPort("peer0.org2.example.com", 7051))], mychannel.AnchorPeers);
        Assert.Equal(LeaderElectionMode.Static, channels.Channels[1].ElectionMode);
        Assert.Equal([new HostPort("orderer0", 7050)], channels.Channels[1].OrdererEndpoints);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(path)!, "crypto", "org1", "ca.crt"), channels.TrustBundle["Org1MSP"]);
    }

    [Fact]
    public void Defaults_apply_to_a_minimal_channel()
    {
        var channels = LoadChannels("channels:\n  - name: ch1\n    organizations: [Org1MSP]\n" + TrustBundle);

        var channel = Assert.Single(channels.Channels);
        Assert.Equal(BlockDisseminationMode.Gossip, channel.Dissemination);
        Assert.Equal(Core.Election.Mode, channel.ElectionMode);
        Assert.Empty(channel.AnchorPeers);
        Assert.Equal(Core.Orderer.Endpoints, channel.OrdererEndpoints);
        Assert.Equal("/etc/k8sgossip/crypto/org1.pem", channels.TrustBundle["Org1MSP"]);
    }

    [Fact]
    public void Unknown_field_is_named_with_a_suggestion()
    {
        var error = Assert.Single(ChannelErrors("channels:\n  - name: ch1\n    organisations: [Org1MSP]\n    organizations: [Org1MSP]\n" + TrustBundle));

        Assert.Equal("channels[0].organisations", error.Key);
        Assert.Contains("did you mean 'channels[0].organizations'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_values_name_the_field_and_the_value()
    {
        var errors = ChannelErrors("""
            channels:
              - name: MyChannel
                organizations: [Org1MSP]
              - name: ch2
                organizations: [Org1MSP]
                dissemination:
                  mode: broadcast
                anchorPeers:
                  - organization: Org1MSP
                    endpoint: nohost
            """ + "\n" + TrustBundle);

        Assert.Contains(errors, e => e.Key == "channels[0].name" && e.Message.Contains("'MyChannel'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Key == "channels[ch2].dissemination.mode" && e.Message.Contains("'broadcast'", StringComparison.Ordinal) && e.Message.Contains("gossip, direct, adaptive", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Key == "channels[ch2].anchorPeers[0].endpoint" && e.Message.Contains("'nohost'", StringComparison.Ordinal));
        Assert.Equal(3, errors.Count);
    }

    [Theory]
    [InlineData("    dissemination:\n      mode: gossip\n      threshold: 5", "channels[ch1].dissemination.threshold", "channels[ch1].dissemination.mode")]
    [InlineData("    dissemination:\n      mode: direct\n    election:\n      mode: dynamic", "channels[ch1].election.mode", "channels[ch1].dissemination.mode")]
    [InlineData("    election:\n      mode: lease", "channels[ch1].election.mode", "k8sgossip.kubernetes.namespace")]
    [InlineData("    anchorPeers:\n      - organization: Org2MSP\n        endpoint: peer0.org2:7051", "channels[ch1].anchorPeers[0].organization", "channels[ch1].organizations")]
    public void Contradictions_name_every_field_involved(string extra, params string[] keys)
    {
        var errors = ChannelErrors("channels:\n  - name: ch1\n    organizations: [Org1MSP]\n" + extra + "\n" + TrustBundle);

        Assert.Contains(errors, e => e.Key == keys[0] && keys.Skip(1).All(k => e.Message.Contains(k, StringComparison.Ordinal)));
    }

    [Fact]
    public void Channel_without_this_peers_organization_is_rejected()
    {
        var error = Assert.Single(ChannelErrors("channels:\n  - name: ch1\n    organizations: [Org2MSP]\n" + TrustBundle));

        Assert.Equal("channels[ch1].organizations", error.Key);
        Assert.Contains("peer.localMspId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Channel_without_any_orderer_endpoint_names_both_places()
    {
        var core = Load(MinimalYaml);

        var exception = Assert.Throws<ConfigurationException>(() =>
            ChannelConfigurationLoader.LoadText("channels:\n  - name: ch1\n    organizations: [Org1MSP]\n" + TrustBundle, ChannelsPath, core));

        var error = Assert.Single(exception.Errors);
        Assert.Equal("channels[ch1].ordererEndpoints", error.Key);
        Assert.Contains("k8sgossip.orderer.endpoints", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_trust_bundle_entries_and_duplicate_channels_are_all_reported()
    {
        var errors = ChannelErrors("""
            channels:
              - name: ch1
                organizations: [Org1MSP, Org3MSP]
              - name: ch1
                organizations: [Org1MSP]
            trustBundle:
              Org1MSP: org1.pem
            """);

        Assert.Contains(errors, e => e.Key == "trustBundle.Org3MSP" && e.Message.Contains("channels[ch1]", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Key == "trustBundle.OrdererMSP" && e.Message.Contains("k8sgossip.orderer.mspId", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Key == "channels[ch1]" && e.Message.Contains("2 times", StringComparison.Ordinal));
        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void Orderer_role_does_not_require_membership_or_orderer_endpoints()
    {
        var orderer = Load(MinimalYaml, Environment(("K8SGOSSIP_ROLE", "orderer")));

        var channels = ChannelConfigurationLoader.LoadText("channels:\n  - name: ch1\n    organizations: [Org2MSP]\n" + TrustBundle, ChannelsPath, orderer);

        Assert.Empty(Assert.Single(channels.Channels).OrdererEndpoints);
    }

    [Fact]
    public void Unreadable_channel_file_names_the_key_that_points_to_it()
    {
        var exception = Assert.Throws<ConfigurationException>(() =>
            ChannelConfigurationLoader.Load(Core with { ChannelsFile = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "channels.yaml") }));

        Assert.Equal("k8sgossip.channelsFile", Assert.Single(exception.Errors).Key);
    }

    private static ChannelConfiguration LoadChannels(string yaml) => ChannelConfigurationLoader.LoadText(yaml, ChannelsPath, Core);

    private static IReadOnlyList<ConfigurationError> ChannelErrors(string yaml) =>
        Assert.Throws<ConfigurationException>(() => LoadChannels(yaml)).Errors;
}
