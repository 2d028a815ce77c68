using K8sGossip.Sidecar.Configuration.Model;
using static K8sGossip.Sidecar.Tests.Configuration.ConfigurationFixture;

namespace K8sGossip.Sidecar.Tests.Configuration;

public sealed class ElectionRolesTests
{
    [Theory]
    [InlineData("", "", "", "default", true, false, LeaderElectionMode.Dynamic)]
    [InlineData("", "", "", "fabric-defaults", false, true, LeaderElectionMode.Static)]
    [InlineData("false", "false", "", "default", false, false, LeaderElectionMode.Static)]
    [InlineData("", "", "lease", "fabric-defaults", true, false, LeaderElectionMode.Lease)]
    [InlineData("", "", "static", "fabric-defaults", false, true, LeaderElectionMode.Static)]
    [InlineData("true", "", "", "fabric-defaults", true, false, LeaderElectionMode.Dynamic)]
    public void Unset_flags_follow_the_set_ones(string use, string leader, string mode, string profile, bool expectUse, bool expectLeader, LeaderElectionMode expectMode)
    {
        var environment = Environment(
            ("CORE_PEER_GOSSIP_USELEADERELECTION", use),
            ("CORE_PEER_GOSSIP_ORGLEADER", leader),
            ("K8SGOSSIP_ELECTION_MODE", mode),
            ("K8SGOSSIP_PROFILE", profile),
            ("K8SGOSSIP_KUBERNETES_NAMESPACE", "org1"),
            ("K8SGOSSIP_KUBERNETES_APISERVER", "https://kubernetes.default.svc"));

        var election = Load(MinimalYaml, environment).Election;

        Assert.Equal(expectUse, election.UseLeaderElection);
        Assert.Equal(expectLeader, election.OrgLeader);
        Assert.Equal(expectMode, election.Mode);
    }
}
