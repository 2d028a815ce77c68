using K8sGossip.Sidecar.Configuration.Model;

namespace K8sGossip.Sidecar.Configuration.Keys;

/// <summary>K8sGossip's election keys: the mode, height ranking, Leases and the Kubernetes API they need.</summary>
internal static class LeaderElectionKeys
{
    /// <summary><c>k8sgossip.election.mode</c>.</summary>
    public static readonly ConfigKey<LeaderElectionMode?> Mode = new(
        "k8sgossip.election.mode",
        Parse.OptionalChoice<LeaderElectionMode?>(
            null,
            ("static", LeaderElectionMode.Static),
            ("dynamic", LeaderElectionMode.Dynamic),
            ("lease", LeaderElectionMode.Lease)),
        KeyDefaults.Same(string.Empty),
        "`static`: peers with `orgLeader: true` lead. `dynamic`: height-ranked election over gossip. `lease`: one Kubernetes Lease per (organization, channel), which needs `k8sgossip.kubernetes.namespace` and `apiServer`. Empty means `dynamic` when `useLeaderElection` is true, else `static`. A channel may override it in the channel file.");

    /// <summary><c>k8sgossip.election.heightTolerance</c>.</summary>
    public static readonly ConfigKey<int> HeightTolerance = new(
        "k8sgossip.election.heightTolerance", Parse.Integer(0, 1_000_000), KeyDefaults.Same("10"),
        "Candidates within this many blocks of the highest known height count as equally current and are ranked by PKI-ID; a candidate further behind cannot win.");

    /// <summary><c>k8sgossip.election.yieldPeriod</c>.</summary>
    public static readonly ConfigKey<TimeSpan> YieldPeriod = new(
        "k8sgossip.election.yieldPeriod", Parse.Duration("100ms", "1h"), KeyDefaults.Differ("10s", "1m"),
        "How long a leader that yielded (it could not reach the orderer) stays out of elections.",
        "Fabric's yield lasts 6 × `leaderAliveThreshold`; with a 2 s threshold 10 s is enough for another peer to take over without the yielding peer winning again at once.");

    /// <summary><c>k8sgossip.election.lease.duration</c>.</summary>
    public static readonly ConfigKey<TimeSpan> LeaseDuration = new(
        "k8sgossip.election.lease.duration", Parse.Duration("1s", "1h"), KeyDefaults.Same("15s"),
        "How long a Lease is valid without renewal; others may take it after that (client-go's leaseDuration).");

    /// <summary><c>k8sgossip.election.lease.renewDeadline</c>.</summary>
    public static readonly ConfigKey<TimeSpan> LeaseRenewDeadline = new(
        "k8sgossip.election.lease.renewDeadline", Parse.Duration("100ms", "1h"), KeyDefaults.Same("10s"),
        "A leader that could not renew for this long stops leading. Must be shorter than `duration` and longer than 1.2 × `retryPeriod`, as client-go requires.");

    /// <summary><c>k8sgossip.election.lease.retryPeriod</c>.</summary>
    public static readonly ConfigKey<TimeSpan> LeaseRetryPeriod = new(
        "k8sgossip.election.lease.retryPeriod", Parse.Duration("10ms", "1h"), KeyDefaults.Same("2s"),
        "Period of renewing (leader) or trying to acquire (others) the Lease.");

    /// <summary><c>k8sgossip.kubernetes.namespace</c>.</summary>
    public static readonly ConfigKey<string> KubernetesNamespace = new(
        "k8sgossip.kubernetes.namespace", Parse.OptionalNamespace(), KeyDefaults.Same(string.Empty),
        "Namespace of the Leases (the pod's own namespace). Required by `lease` mode.");

    /// <summary><c>k8sgossip.kubernetes.apiServer</c>.</summary>
    public static readonly ConfigKey<Uri?> KubernetesApiServer = new(
        "k8sgossip.kubernetes.apiServer", Parse.OptionalHttpsUrl(), KeyDefaults.Same(string.Empty),
        "URL of the Kubernetes API server, e.g. `https://kubernetes.default.svc`. Required by `lease` mode.");

    /// <summary><c>k8sgossip.kubernetes.tokenFile</c>.</summary>
    public static readonly ConfigKey<string> KubernetesTokenFile = new(
        "k8sgossip.kubernetes.tokenFile", Parse.FilePath(), KeyDefaults.Same("/var/run/secrets/kubernetes.io/serviceaccount/token"),
        "Service-account token presented to the API server (re-read when it is rotated).");

    /// <summary><c>k8sgossip.kubernetes.caFile</c>.</summary>
    public static readonly ConfigKey<string> KubernetesCaFile = new(
        "k8sgossip.kubernetes.caFile", Parse.FilePath(), KeyDefaults.Same("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt"),
        "CA certificate that verifies the API server.");

    /// <summary>The group, in documentation order.</summary>
    public static KeyGroup Group => new(
        "Election mode and Kubernetes (`k8sgossip.election.*`, `k8sgossip.kubernetes.*`)",
        "How leaders are chosen beyond Fabric's two flags. These have no Fabric equivalent except `yieldPeriod`, so most are the same in both profiles.",
        [Mode, HeightTolerance, YieldPeriod, LeaseDuration, LeaseRenewDeadline, LeaseRetryPeriod, KubernetesNamespace, KubernetesApiServer, KubernetesTokenFile, KubernetesCaFile]);
}
