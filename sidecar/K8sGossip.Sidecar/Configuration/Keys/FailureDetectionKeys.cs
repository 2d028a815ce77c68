namespace K8sGossip.Sidecar.Configuration.Keys;

/// <summary>K8sGossip's failure-detection keys, <c>k8sgossip.failureDetection.*</c> (SWIM probes with Lifeguard's refinements).</summary>
internal static class FailureDetectionKeys
{
    /// <summary><c>k8sgossip.failureDetection.enabled</c>.</summary>
    public static readonly ConfigKey<bool> Enabled = new(
        "k8sgossip.failureDetection.enabled", Parse.Boolean(), KeyDefaults.Differ("true", "false"),
        "Probe peers directly and indirectly (SWIM) and suspect before declaring them dead. When false, a peer is declared dead after `peer.gossip.aliveExpirationTimeout` of silence, as in Fabric.",
        "Probing detects a crashed peer in seconds without false alarms from one lost message; Fabric's silence timeout alone takes 25 s.");

    /// <summary><c>k8sgossip.failureDetection.probeInterval</c>.</summary>
    public static readonly ConfigKey<TimeSpan> ProbeInterval = new(
        "k8sgossip.failureDetection.probeInterval", Parse.Duration("10ms", "1m"), KeyDefaults.Same("1s"),
        "Period of probing one peer (chosen round-robin over a shuffled list, so each peer is probed within one round).");

    /// <summary><c>k8sgossip.failureDetection.probeTimeout</c>.</summary>
    public static readonly ConfigKey<TimeSpan> ProbeTimeout = new(
        "k8sgossip.failureDetection.probeTimeout", Parse.Duration("1ms", "1m"), KeyDefaults.Same("500ms"),
        "Wait for a direct probe's answer before asking other peers to probe indirectly. Must be shorter than `probeInterval`.");

    /// <summary><c>k8sgossip.failureDetection.probeDialAllowance</c>.</summary>
    public static readonly ConfigKey<TimeSpan> ProbeDialAllowance = new(
        "k8sgossip.failureDetection.probeDialAllowance", Parse.Duration("0", "1m"), KeyDefaults.Same("1s"),
        "Extra time a direct probe waits when it must open a connection first (TLS and the signed handshake); `probeTimeout` then runs from the moment the connection is up, and a refused dial ends the wait at once. Keeps a busy, just-started node from suspecting peers it is still connecting to.");

    /// <summary><c>k8sgossip.failureDetection.indirectProbes</c>.</summary>
    public static readonly ConfigKey<int> IndirectProbes = new(
        "k8sgossip.failureDetection.indirectProbes", Parse.Integer(0, 16), KeyDefaults.Same("3"),
        "Peers asked to probe a peer that did not answer directly, so one bad link does not make it suspect. A helper that gets no answer says so after 80% of `probeInterval` − `probeTimeout`, in time for its word to count as evidence.");

    /// <summary><c>k8sgossip.failureDetection.suspicionMultiplier</c>.</summary>
    public static readonly ConfigKey<double> SuspicionMultiplier = new(
        "k8sgossip.failureDetection.suspicionMultiplier", Parse.Number(0.1, 100), KeyDefaults.Same("2"),
        "Shortest suspicion = this × max(1, log10 of the member count) × `probeInterval`, reached once `suspicionConfirmations` peers independently suspect the peer. A suspect that answers or sends a newer alive message in time is cleared. memberlist uses 4; refutation on a pod network takes milliseconds, so 2 stays safe and keeps detection near 5 s.");

    /// <summary><c>k8sgossip.failureDetection.suspicionMaxMultiplier</c>.</summary>
    public static readonly ConfigKey<double> SuspicionMaxMultiplier = new(
        "k8sgossip.failureDetection.suspicionMaxMultiplier", Parse.Number(1, 100), KeyDefaults.Same("4"),
        "Longest suspicion = this × the shortest; a lone accuser must wait this long.");

    /// <summary><c>k8sgossip.failureDetection.suspicionConfirmations</c>.</summary>
    public static readonly ConfigKey<int> SuspicionConfirmations = new(
        "k8sgossip.failureDetection.suspicionConfirmations", Parse.Integer(1, 64), KeyDefaults.Same("3"),
        "Independent suspicions that shrink the suspicion period from the longest to the shortest (logarithmically).");

    /// <summary><c>k8sgossip.failureDetection.confirmationProbers</c>.</summary>
    public static readonly ConfigKey<int> ConfirmationProbers = new(
        "k8sgossip.failureDetection.confirmationProbers", Parse.Integer(0, 64), KeyDefaults.Same("6"),
        "How many peers, on average, probe a suspect themselves when they hear of the suspicion: their failures are the independent confirmations, their successes carry the refutation back.");

    /// <summary><c>k8sgossip.failureDetection.maxLocalHealthScore</c>.</summary>
    public static readonly ConfigKey<int> MaxLocalHealthScore = new(
        "k8sgossip.failureDetection.maxLocalHealthScore", Parse.Integer(0, 64), KeyDefaults.Same("8"),
        "Highest local-health score: a peer that misses its own deadlines (starved of CPU, losing answers) stretches its probe timeouts up to (this + 1)×, so it does not accuse healthy peers.");

    /// <summary>The group, in documentation order.</summary>
    public static KeyGroup Group => new(
        "Failure detection (`k8sgossip.failureDetection.*`)",
        "Direct probes, indirect probes, a suspicion period that shrinks with independent confirmations, and local-health awareness. Fabric has none of this, so `fabric-defaults` turns it off and the remaining values are the same in both profiles.",
        [Enabled, ProbeInterval, ProbeTimeout, ProbeDialAllowance, IndirectProbes, SuspicionMultiplier, SuspicionMaxMultiplier, SuspicionConfirmations, ConfirmationProbers, MaxLocalHealthScore]);
}
