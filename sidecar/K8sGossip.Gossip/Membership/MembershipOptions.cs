namespace K8sGossip.Gossip.Membership;

/// <summary>
/// Membership settings. Keys follow Fabric's <c>peer.gossip.*</c> names where the meaning is the same. The defaults
/// are tuned for a Kubernetes pod network (millisecond round trips, pods that restart rather than hang);
/// <see cref="FabricDefaults"/> gives Fabric's own values, the baseline benchmarks compare against.
/// </summary>
public sealed class MembershipOptions
{
    /// <summary>Fabric key <c>endpoint</c>: the address peers of the same organization dial (the internal endpoint).
    /// It travels only in the secret part of alive messages, which is stripped before they go to other orgs.</summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>Fabric key <c>externalEndpoint</c>: the address other organizations dial. Without it this peer is never
    /// revealed to other organizations and learns nothing about them.</summary>
    public string? ExternalEndpoint { get; set; }

    /// <summary>Fabric key <c>bootstrap</c>: peers of this organization to contact at start. Never forgotten.</summary>
    public IList<string> Bootstrap { get; set; } = [];

    /// <summary>Anchor peers of the channels (other organizations' external endpoints, from channel configuration).
    /// Contacted only when this peer has an external endpoint. Never forgotten.</summary>
    public IList<string> AnchorPeers { get; set; } = [];

    /// <summary>Opaque metadata carried in alive messages.</summary>
    public ReadOnlyMemory<byte> Metadata { get; set; }

    /// <summary>How peers are declared dead. Default <see cref="Membership.FailureDetection.Swim"/>: seconds instead of
    /// Fabric's 25 s silence.</summary>
    public FailureDetection FailureDetection { get; set; } = FailureDetection.Swim;

    /// <summary>Fabric key <c>aliveTimeInterval</c>: how often this peer signs and sends a fresh alive message. Default 5 s
    /// (Fabric's): with probing, alive messages only refresh views; they are not the failure detector.</summary>
    public TimeSpan AliveTimeInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Fabric key <c>aliveExpirationTimeout</c>: in <see cref="FailureDetection.AliveExpiration"/> mode the silence
    /// after which a peer is dead; in both modes, times <see cref="MessageExpirationFactor"/>, how long a dead peer is
    /// remembered. Default 25 s (Fabric's), so dead peers are forgotten after about 8 minutes as in Fabric.</summary>
    public TimeSpan AliveExpirationTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>Fabric key <c>msgExpirationFactor</c>: dead peers are forgotten after AliveExpirationTimeout × this. Default 20.</summary>
    public int MessageExpirationFactor { get; set; } = 20;

    /// <summary>Fabric key <c>reconnectInterval</c>: how often dead peers, and bootstrap or anchor peers not yet reached,
    /// are contacted again. Default 5 s (Fabric: 25 s): one small message per dead peer lets a restarted pod or a healed
    /// partition re-merge within seconds.</summary>
    public TimeSpan ReconnectInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Fabric key <c>pullInterval</c> (for membership): how often this peer asks random peers for their view.
    /// Default 1 s (Fabric: 4 s): a request carries a digest of known peers and the answer only what the asker lacks, so
    /// a pull costs little, and a peer that joined before others learns of them within a second or two.</summary>
    public TimeSpan PullInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether a membership answer that brings unknown peers is followed by another pull a tenth of
    /// <see cref="PullInterval"/> later (to another random peer), until answers bring nothing new. Default true: a
    /// starting network or a burst of new pods converges in a few round trips instead of a few pull intervals. Fabric
    /// pulls on its period only (false in <see cref="FabricDefaults"/>).</summary>
    public bool FollowUpPulls { get; set; } = true;

    /// <summary>Fabric key <c>pullPeerNum</c> (for membership): how many peers are asked each time. Default 1: answers
    /// carry only peers the asker does not know, and news travels by gossip anyway.</summary>
    public int PullPeerNum { get; set; } = 1;

    /// <summary>Fabric key <c>propagatePeerNum</c> (for membership): to how many peers news (a new peer, a restart, a
    /// refutation, a suspicion) is forwarded. Default 3 (Fabric's).</summary>
    public int PropagatePeerNum { get; set; } = 3;

    /// <summary>SWIM protocol period: one peer is probed per interval. Default 800 ms (memberlist's LAN profile uses 1 s): a
    /// probe is a few dozen bytes, and the shorter period brings crash detection at 30 peers to about 3 s.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Wait for a direct ack before asking others to probe. Default 400 ms: a pod network answers in about a
    /// millisecond, so this covers GC pauses and queues, not distance; a node that misses acks itself stretches it further
    /// (local health).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromMilliseconds(400);

    /// <summary>Extra time a direct probe waits when it has to open a connection first (TLS and the signed handshake);
    /// the ordinary timeout starts once the connection is up. A refused dial ends the wait at once.</summary>
    public TimeSpan ProbeDialAllowance { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Peers asked to probe a target that missed the direct probe. Default 3 (SWIM's k, memberlist's value).</summary>
    public int IndirectProbes { get; set; } = 3;

    /// <summary>Suspicion minimum = this × max(1, log10 n) × probe interval. Default 1.5 (memberlist: 4): refutation on a pod
    /// network takes milliseconds, so a shorter window stays safe (about 1.8 s at 30 peers) and detection stays under 5 s.</summary>
    public double SuspicionMultiplier { get; set; } = 1.5;

    /// <summary>Suspicion maximum = this × minimum; a lone accuser must wait this long. Default 4.</summary>
    public double SuspicionMaxMultiplier { get; set; } = 4;

    /// <summary>Independent confirmations after which the suspicion timeout reaches its minimum. Default 3.</summary>
    public int SuspicionConfirmations { get; set; } = 3;

    /// <summary>How many peers, on average, re-probe a suspect themselves when they hear of the suspicion (their failures
    /// are the independent confirmations; their successes carry the refutation back). Default 10: enough that a real
    /// failure almost always gathers <see cref="SuspicionConfirmations"/> accusers quickly, at a cost of a few probes.</summary>
    public int ConfirmationProbers { get; set; } = 10;

    /// <summary>Highest local-health score; probe timeouts stretch by up to (this + 1)×. Default 8 (memberlist's).</summary>
    public int MaxLocalHealthScore { get; set; } = 8;

    /// <summary>The values of Fabric's <c>core.yaml</c>: alive every 5 s, dead after 25 s of silence, reconnect every 25 s,
    /// membership pull every 4 s from 3 peers, no probes.</summary>
    public static MembershipOptions FabricDefaults(string endpoint, string? externalEndpoint = null) => new()
    {
        Endpoint = endpoint,
        ExternalEndpoint = externalEndpoint,
        FailureDetection = FailureDetection.AliveExpiration,
        AliveTimeInterval = TimeSpan.FromSeconds(5),
        AliveExpirationTimeout = TimeSpan.FromSeconds(25),
        ReconnectInterval = TimeSpan.FromSeconds(25),
        PullInterval = TimeSpan.FromSeconds(4),
        FollowUpPulls = false,
        PullPeerNum = 3,
        PropagatePeerNum = 3,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting by its configuration key.</summary>
    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(Endpoint), "endpoint", "is required (host:port that peers of this organization dial)");
        Require(IsHostPort(Endpoint), "endpoint", $"'{Endpoint}' is not host:port");
        Require(ExternalEndpoint is null || IsHostPort(ExternalEndpoint), "externalEndpoint", $"'{ExternalEndpoint}' is not host:port");
        foreach (var peer in Bootstrap)
        {
            Require(IsHostPort(peer), "bootstrap", $"entry '{peer}' is not host:port");
        }

        foreach (var peer in AnchorPeers)
        {
            Require(IsHostPort(peer), "anchorPeers", $"entry '{peer}' is not host:port");
        }

        Require(AliveTimeInterval > TimeSpan.Zero, "aliveTimeInterval", "must be positive");
        Require(AliveExpirationTimeout > AliveTimeInterval, "aliveExpirationTimeout", "must exceed aliveTimeInterval");
        Require(MessageExpirationFactor >= 1, "msgExpirationFactor", "must be at least 1");
        Require(ReconnectInterval > TimeSpan.Zero, "reconnectInterval", "must be positive");
        Require(PullInterval > TimeSpan.Zero, "pullInterval", "must be positive");
        Require(PullPeerNum >= 1, "pullPeerNum", "must be at least 1");
        Require(PropagatePeerNum >= 1, "propagatePeerNum", "must be at least 1");
        if (FailureDetection == FailureDetection.Swim)
        {
            Require(ProbeInterval > TimeSpan.Zero, "probeInterval", "must be positive");
            Require(ProbeTimeout > TimeSpan.Zero && ProbeTimeout < ProbeInterval, "probeTimeout", "must be positive and below probeInterval");
            Require(ProbeDialAllowance >= TimeSpan.Zero, "probeDialAllowance", "must not be negative");
            Require(IndirectProbes >= 0, "indirectProbes", "must not be negative");
            Require(SuspicionMultiplier > 0, "suspicionMultiplier", "must be positive");
            Require(SuspicionMaxMultiplier >= 1, "suspicionMaxMultiplier", "must be at least 1");
            Require(SuspicionConfirmations >= 1, "suspicionConfirmations", "must be at least 1");
            Require(ConfirmationProbers >= 0, "confirmationProbers", "must not be negative");
            Require(MaxLocalHealthScore >= 0, "maxLocalHealthScore", "must not be negative");
        }
    }

    private static bool IsHostPort(string value)
    {
        var colon = value.LastIndexOf(':');
        return colon > 0 && colon < value.Length - 1 && int.TryParse(value.AsSpan(colon + 1), out var port) && port is > 0 and <= 65535;
    }

    private static void Require(bool condition, string key, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"peer.gossip.{key} {rule}.", key);
        }
    }
}
