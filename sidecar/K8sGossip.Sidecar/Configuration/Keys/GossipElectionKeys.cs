namespace K8sGossip.Sidecar.Configuration.Keys;

/// <summary>Fabric's leader keys: <c>peer.gossip.useLeaderElection</c>, <c>orgLeader</c> and <c>peer.gossip.election.*</c>.</summary>
internal static class GossipElectionKeys
{
    /// <summary><c>peer.gossip.useLeaderElection</c>.</summary>
    public static readonly ConfigKey<bool> UseLeaderElection = new(
        "peer.gossip.useLeaderElection", Parse.Boolean(), KeyDefaults.Differ("true", "false"),
        "Elect the organization's leader (the peer that pulls blocks from the orderer in `gossip` mode) dynamically. Cannot be combined with `orgLeader: true` or with `k8sgossip.election.mode: static`.",
        "Our election ranks candidates by ledger height, so the weakness that made Fabric recommend static leaders (a far-behind newcomer winning and starving its organization) is gone, and a dead leader is replaced in seconds.");

    /// <summary><c>peer.gossip.orgLeader</c>.</summary>
    public static readonly ConfigKey<bool> OrgLeader = new(
        "peer.gossip.orgLeader", Parse.Boolean(), KeyDefaults.Differ("false", "true"),
        "Make this peer a static leader that always pulls from the orderer. Both `orgLeader` and `useLeaderElection` false makes a pure follower. Fabric refuses to start with both true, and so does the sidecar.",
        "The counterpart of `useLeaderElection: true`.");

    /// <summary><c>peer.gossip.election.startupGracePeriod</c>.</summary>
    public static readonly ConfigKey<TimeSpan> StartupGracePeriod = new(
        "peer.gossip.election.startupGracePeriod", Parse.Duration("0", "10m"), KeyDefaults.Differ("2s", "15s"),
        "How long a starting peer listens before it may propose itself, so it first learns of a live leader and its peers' heights.",
        "Membership converges in about two seconds on a cluster network; 15 s of grace only delays the first leader.");

    /// <summary><c>peer.gossip.election.membershipSampleInterval</c>.</summary>
    public static readonly ConfigKey<TimeSpan> MembershipSampleInterval = new(
        "peer.gossip.election.membershipSampleInterval", Parse.Duration("10ms", "1m"), KeyDefaults.Differ("100ms", "1s"),
        "How often the election state (leader silence, membership) is checked. `leaderAliveThreshold` must be more than twice this.",
        "A check is cheap local work; checking every 100 ms lets the shorter thresholds below act on time.");

    /// <summary><c>peer.gossip.election.leaderAliveThreshold</c>.</summary>
    public static readonly ConfigKey<TimeSpan> LeaderAliveThreshold = new(
        "peer.gossip.election.leaderAliveThreshold", Parse.Duration("50ms", "1h"), KeyDefaults.Differ("2s", "10s"),
        "Silence after which followers consider the leader gone and propose themselves. The leader declares itself four times per threshold, so one or two lost declarations never start an election.",
        "Leader failover takes this threshold plus `leaderElectionDuration`: 2.5 s against Fabric's 15 s, within the failover goal of 5 s.");

    /// <summary><c>peer.gossip.election.leaderElectionDuration</c>.</summary>
    public static readonly ConfigKey<TimeSpan> LeaderElectionDuration = new(
        "peer.gossip.election.leaderElectionDuration", Parse.Duration("10ms", "1h"), KeyDefaults.Differ("500ms", "5s"),
        "How long proposals are collected before the best candidate (highest height, then lowest PKI-ID) declares itself. Must be shorter than `leaderAliveThreshold`.",
        "Proposals of all candidates arrive within a few gossip rounds of milliseconds each.");

    /// <summary>The group, in documentation order.</summary>
    public static KeyGroup Group => new(
        "Leader election (`peer.gossip.useLeaderElection`, `orgLeader`, `election.*`)",
        "Who pulls blocks from the orderer in a channel in `gossip` mode. `k8sgossip.election.mode` (below) chooses between static leaders, gossip election and Kubernetes Leases; when it is not set it follows `useLeaderElection`.",
        [UseLeaderElection, OrgLeader, StartupGracePeriod, MembershipSampleInterval, LeaderAliveThreshold, LeaderElectionDuration]);
}
