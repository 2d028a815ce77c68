using static K8sGossip.Sidecar.Tests.Configuration.ConfigurationFixture;

namespace K8sGossip.Sidecar.Tests.Configuration;

public sealed class ContradictionTests
{
    [Theory]
    [InlineData("peer:\n  gossip:\n    useLeaderElection: true\n    orgLeader: true", "peer.gossip.useLeaderElection", "peer.gossip.orgLeader")]
    [InlineData("peer:\n  gossip:\n    useLeaderElection: true\nk8sgossip:\n  election:\n    mode: static", "k8sgossip.election.mode", "peer.gossip.useLeaderElection")]
    [InlineData("peer:\n  gossip:\n    useLeaderElection: false\nk8sgossip:\n  election:\n    mode: dynamic", "k8sgossip.election.mode", "peer.gossip.useLeaderElection")]
    [InlineData("peer:\n  gossip:\n    orgLeader: true\nk8sgossip:\n  election:\n    mode: dynamic", "k8sgossip.election.mode", "peer.gossip.orgLeader")]
    [InlineData("k8sgossip:\n  election:\n    mode: lease", "k8sgossip.election.mode", "k8sgossip.kubernetes.namespace", "k8sgossip.kubernetes.apiServer")]
    [InlineData("k8sgossip:\n  election:\n    mode: lease\n  kubernetes:\n    namespace: org1", "k8sgossip.election.mode", "k8sgossip.kubernetes.apiServer")]
    [InlineData("peer:\n  gossip:\n    aliveTimeInterval: 10s\n    aliveExpirationTimeout: 10s", "peer.gossip.aliveExpirationTimeout", "peer.gossip.aliveTimeInterval")]
    [InlineData("peer:\n  gossip:\n    pullInterval: 1s\n    digestWaitTime: 600ms\n    responseWaitTime: 400ms", "peer.gossip.pullInterval", "peer.gossip.digestWaitTime", "peer.gossip.responseWaitTime")]
    [InlineData("peer:\n  gossip:\n    digestWaitTime: 2s", "peer.gossip.requestWaitTime", "peer.gossip.digestWaitTime")]
    [InlineData("peer:\n  gossip:\n    election:\n      leaderElectionDuration: 2s", "peer.gossip.election.leaderAliveThreshold", "peer.gossip.election.leaderElectionDuration")]
    [InlineData("peer:\n  gossip:\n    election:\n      membershipSampleInterval: 1s", "peer.gossip.election.leaderAliveThreshold", "peer.gossip.election.membershipSampleInterval")]
    [InlineData("peer:\n  gossip:\n    state:\n      batchSize: 300", "peer.gossip.state.batchSize", "peer.gossip.state.blockBufferSize")]
    [InlineData("k8sgossip:\n  failureDetection:\n    probeTimeout: 1s", "k8sgossip.failureDetection.probeInterval", "k8sgossip.failureDetection.probeTimeout")]
    [InlineData("k8sgossip:\n  dissemination:\n    storeMaxAge: 2s", "k8sgossip.dissemination.storeMaxAge", "peer.gossip.pullInterval")]
    [InlineData("k8sgossip:\n  election:\n    lease:\n      retryPeriod: 9s", "k8sgossip.election.lease.renewDeadline", "k8sgossip.election.lease.retryPeriod")]
    [InlineData("k8sgossip:\n  election:\n    lease:\n      renewDeadline: 20s", "k8sgossip.election.lease.duration", "k8sgossip.election.lease.renewDeadline")]
    [InlineData("k8sgossip:\n  orderer:\n    generator:\n      rate: 10", "k8sgossip.orderer.generator.rate", "k8sgossip.role")]
    [InlineData("k8sgossip:\n  ports:\n    admin: 7051", "k8sgossip.ports.admin", "k8sgossip.ports.peer")]
    public void Contradiction_names_every_key_involved(string yaml, params string[] keys)
    {
        var errors = Errors(WithMinimal(yaml));

        var contradictions = errors.Where(e => keys.All(k => e.Message.Contains(k, StringComparison.Ordinal))).ToList();
        Assert.True(contradictions.Count >= 1, "No error names all of " + string.Join(", ", keys) + ": " + string.Join(" | ", errors));
        Assert.Contains(contradictions, e => keys.Contains(e.Key));
    }

    [Fact]
    public void Contradiction_message_shows_values_and_their_sources()
    {
        var error = Assert.Single(Errors(MinimalYaml + "\n  gossip:\n    aliveTimeInterval: 30s"));

        Assert.Contains("peer.gossip.aliveExpirationTimeout = 25s (default of profile 'default')", error.Message, StringComparison.Ordinal);
        Assert.Contains("peer.gossip.aliveTimeInterval = 30s (core.yaml line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Value_errors_do_not_cause_follow_on_contradictions()
    {
        var error = Assert.Single(Errors(MinimalYaml + "\n  gossip:\n    aliveTimeInterval: forever"));

        Assert.Equal("peer.gossip.aliveTimeInterval", error.Key);
    }

    [Fact]
    public void Generator_in_the_orderer_role_is_accepted()
    {
        var config = LoadWith("k8sgossip:\n  role: orderer\n  orderer:\n    generator:\n      rate: 10");

        Assert.Equal(10, config.Orderer.GeneratorRate);
    }
}
