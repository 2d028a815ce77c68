using K8sGossip.Gossip.Membership;

namespace K8sGossip.Gossip.Tests.Membership;

public sealed class MembershipOptionsTests
{
    [Theory]
    [InlineData("endpoint")]
    [InlineData("externalEndpoint")]
    [InlineData("bootstrap")]
    [InlineData("aliveExpirationTimeout")]
    [InlineData("reconnectInterval")]
    [InlineData("probeTimeout")]
    public void Invalid_settings_are_reported_by_their_configuration_key(string key)
    {
        var options = new MembershipOptions { Endpoint = "peer0.org1:7051" };
        switch (key)
        {
            case "endpoint": options.Endpoint = "no-port"; break;
            case "externalEndpoint": options.ExternalEndpoint = "peer0.example.com:99999"; break;
            case "bootstrap": options.Bootstrap = ["peer1.org1"]; break;
            case "aliveExpirationTimeout": options.AliveExpirationTimeout = TimeSpan.FromSeconds(1); break;
            case "reconnectInterval": options.ReconnectInterval = TimeSpan.Zero; break;
            case "probeTimeout": options.ProbeTimeout = TimeSpan.FromSeconds(2); break;
        }

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains($"peer.gossip.{key}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fabric_profile_uses_fabric_core_yaml_values_without_probes()
    {
        var fabric = MembershipOptions.FabricDefaults("peer0.org1:7051", "peer0.example.com:443");

        fabric.Validate();
        Assert.Equal(FailureDetection.AliveExpiration, fabric.FailureDetection);
        Assert.Equal(TimeSpan.FromSeconds(5), fabric.AliveTimeInterval);
        Assert.Equal(TimeSpan.FromSeconds(25), fabric.AliveExpirationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(25), fabric.ReconnectInterval);
        Assert.Equal(3, fabric.PullPeerNum);
        Assert.Equal(FailureDetection.Swim, new MembershipOptions().FailureDetection);
    }
}
