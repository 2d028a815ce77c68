using K8sGossip.Sidecar.Configuration.Keys;
using K8sGossip.Sidecar.Configuration.Model;
using K8sGossip.Sidecar.Configuration.Values;

namespace K8sGossip.Sidecar.Tests.Configuration;

public sealed class KeyRegistryTests
{
    public static TheoryData<string> AllPaths() => [.. ConfigKeyRegistry.All.Select(k => k.Path)];

    [Theory]
    [MemberData(nameof(AllPaths))]
    public void Every_default_parses_under_both_profiles(string path)
    {
        var key = ConfigKeyRegistry.FindByPath(path)!;
        var context = new ParseContext("/etc/k8sgossip");

        foreach (var profile in new[] { ConfigurationProfile.Default, ConfigurationProfile.FabricDefaults })
        {
            var text = key.Defaults.For(profile) ?? key.Defaults.Example;
            Assert.NotNull(text);
            Assert.True(key.TryParse(RawValue.Scalar(text, "test"), context, out _, out var problem), $"{path} default '{text}' under {profile}: {problem}");
        }
    }

    [Theory]
    [MemberData(nameof(AllPaths))]
    public void Every_key_is_documented_and_a_tuned_default_is_justified(string path)
    {
        var key = ConfigKeyRegistry.FindByPath(path)!;

        Assert.False(string.IsNullOrWhiteSpace(key.Description));
        Assert.Equal(!key.Defaults.ProfilesAgree, key.WhyTuned.Length > 0);
    }

    [Fact]
    public void Paths_and_environment_variables_are_unique()
    {
        Assert.Equal(ConfigKeyRegistry.All.Count, ConfigKeyRegistry.All.Select(k => k.Path.ToUpperInvariant()).Distinct().Count());
        Assert.Equal(ConfigKeyRegistry.All.Count, ConfigKeyRegistry.All.Select(k => k.EnvironmentVariable).Distinct().Count());
    }

    [Theory]
    [InlineData("peer.gossip.pullInterval", "CORE_PEER_GOSSIP_PULLINTERVAL")]
    [InlineData("peer.gossip.election.leaderAliveThreshold", "CORE_PEER_GOSSIP_ELECTION_LEADERALIVETHRESHOLD")]
    [InlineData("peer.tls.clientRootCAs.files", "CORE_PEER_TLS_CLIENTROOTCAS_FILES")]
    [InlineData("peer.localMspId", "CORE_PEER_LOCALMSPID")]
    [InlineData("k8sgossip.failureDetection.probeInterval", "K8SGOSSIP_FAILUREDETECTION_PROBEINTERVAL")]
    [InlineData("k8sgossip.orderer.batch.maxMessages", "K8SGOSSIP_ORDERER_BATCH_MAXMESSAGES")]
    public void Environment_variable_names_follow_vipers_mapping(string path, string variable)
    {
        Assert.Equal(variable, ConfigKeyRegistry.FindByPath(path)!.EnvironmentVariable);
        Assert.Same(ConfigKeyRegistry.FindByPath(path), ConfigKeyRegistry.FindByEnvironmentVariable(variable));
    }

    [Fact]
    public void Every_synonym_points_to_a_registered_key_and_is_not_one_itself()
    {
        foreach (var (alias, target) in ConfigKeyRegistry.Synonyms)
        {
            Assert.Null(ConfigKeyRegistry.FindByPath(alias));
            Assert.NotNull(ConfigKeyRegistry.FindByPath(target));
        }
    }

    [Fact]
    public void Unsupported_fabric_keys_are_neither_keys_nor_sections()
    {
        foreach (var fabricKey in ConfigKeyRegistry.UnsupportedFabricKeys.Keys)
        {
            Assert.Null(ConfigKeyRegistry.FindByPath(fabricKey));
            Assert.False(ConfigKeyRegistry.IsSection(fabricKey));
        }
    }
}
