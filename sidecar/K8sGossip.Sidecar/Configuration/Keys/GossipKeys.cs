using K8sGossip.Sidecar.Configuration.Values;

namespace K8sGossip.Sidecar.Configuration.Keys;

/// <summary>Fabric's <c>peer.gossip.*</c> keys for endpoints, push, pull and connections.</summary>
internal static class GossipKeys
{
    /// <summary><c>peer.gossip.bootstrap</c>.</summary>
    public static readonly ConfigKey<IReadOnlyList<HostPort?>> Bootstrap = new(
        "peer.gossip.bootstrap", Parse.Endpoints(), KeyDefaults.Same(string.Empty) with { Example = "peer1.org1.example.com:7051, peer2.org1.example.com:7051" },
        "Peers of the same organization contacted at startup to join membership. Peers of other organizations are found through the anchor peers of the channels. In an environment variable, separate endpoints with spaces or commas. Fabric's sample value `127.0.0.1:7051` points at the peer itself and has no effect, so both profiles start empty; on Kubernetes the operator fills in the organization's other peers.");

    /// <summary><c>peer.gossip.endpoint</c>.</summary>
    public static readonly ConfigKey<HostPort?> GossipEndpoint = new(
        "peer.gossip.endpoint", Parse.OptionalEndpoint(), KeyDefaults.Same(string.Empty),
        "The internal endpoint advertised to the peer's own organization. Empty means `peer.address`.");

    /// <summary><c>peer.gossip.externalEndpoint</c>.</summary>
    public static readonly ConfigKey<HostPort?> ExternalEndpoint = new(
        "peer.gossip.externalEndpoint", Parse.OptionalEndpoint(), KeyDefaults.Same(string.Empty) with { Example = "peer0.org1.example.com:7051" },
        "The endpoint advertised to other organizations. Empty means the peer is invisible outside its organization.");

    /// <summary><c>peer.gossip.propagatePeerNum</c>.</summary>
    public static readonly ConfigKey<int> PropagatePeerNum = new(
        "peer.gossip.propagatePeerNum", Parse.Integer(1, 64), KeyDefaults.Same("3"),
        "Fan-out of push for membership messages (alive, StateInfo), and for blocks when `k8sgossip.dissemination.push` is `random`.");

    /// <summary><c>peer.gossip.propagateIterations</c>.</summary>
    public static readonly ConfigKey<int> PropagateIterations = new(
        "peer.gossip.propagateIterations", Parse.Integer(0, 10), KeyDefaults.Same("1"),
        "How many times each message is pushed; 0 disables push, leaving pull alone to spread messages.");

    /// <summary><c>peer.gossip.maxPropagationBurstSize</c>.</summary>
    public static readonly ConfigKey<int> MaxPropagationBurstSize = new(
        "peer.gossip.maxPropagationBurstSize", Parse.Integer(1, 10_000), KeyDefaults.Same("10"),
        "Messages that fill a push batch; a full batch is sent at once.");

    /// <summary><c>peer.gossip.maxPropagationBurstLatency</c>.</summary>
    public static readonly ConfigKey<TimeSpan> MaxPropagationBurstLatency = new(
        "peer.gossip.maxPropagationBurstLatency", Parse.Duration("0", "1s"), KeyDefaults.Differ("0", "10ms"),
        "Longest time a message waits in the push batch before it is sent; 0 sends at once.",
        "Every hop would wait this long, and a block crosses about four hops to reach 100 peers: 10 ms per hop alone would exceed a loopback latency goal of tens of milliseconds. Blocks are large enough not to need batching, and lazy announcements have their own short batch (`k8sgossip.dissemination.ihaveBatchDelay`).");

    /// <summary><c>peer.gossip.pullInterval</c>.</summary>
    public static readonly ConfigKey<TimeSpan> PullInterval = new(
        "peer.gossip.pullInterval", Parse.Duration("100ms", "10m"), KeyDefaults.Differ("2s", "4s"),
        "Period of the pull (digest exchange) that repairs what push missed. It must exceed `digestWaitTime` + `responseWaitTime`.",
        "Pull is only the safety net behind eager/lazy push, and its digests are small; halving the period halves the worst-case wait of a peer that both push paths missed.");

    /// <summary><c>peer.gossip.pullPeerNum</c>.</summary>
    public static readonly ConfigKey<int> PullPeerNum = new(
        "peer.gossip.pullPeerNum", Parse.Integer(1, 64), KeyDefaults.Same("3"),
        "Peers contacted per pull round and per membership request.");

    /// <summary><c>peer.gossip.requestStateInfoInterval</c>.</summary>
    public static readonly ConfigKey<TimeSpan> RequestStateInfoInterval = new(
        "peer.gossip.requestStateInfoInterval", Parse.Duration("100ms", "10m"), KeyDefaults.Differ("5s", "4s"),
        "Period of pulling StateInfo (ledger heights, leadership) from a few channel peers.",
        "StateInfo is published as soon as it changes (at most every `publishStateInfoInterval`), so the pull only repairs lost publications and teaches newcomers every height at once; it may run a little less often than Fabric's.");

    /// <summary><c>peer.gossip.publishStateInfoInterval</c>.</summary>
    public static readonly ConfigKey<TimeSpan> PublishStateInfoInterval = new(
        "peer.gossip.publishStateInfoInterval", Parse.Duration("10ms", "10m"), KeyDefaults.Differ("1s", "4s"),
        "Least time between two publications of the peer's StateInfo caused by height changes (leadership and leaving the channel are published at once).",
        "Heights drive the far-behind check, height-ranked election and the adaptive block source; 1 s keeps them fresh at the cost of one signature per second while blocks flow.");

    /// <summary><c>peer.gossip.aliveTimeInterval</c>.</summary>
    public static readonly ConfigKey<TimeSpan> AliveTimeInterval = new(
        "peer.gossip.aliveTimeInterval", Parse.Duration("100ms", "10m"), KeyDefaults.Same("5s"),
        "Period of the peer's signed alive message. With probing on (`k8sgossip.failureDetection.enabled`), alive messages only refresh views; probes detect failures.");

    /// <summary><c>peer.gossip.aliveExpirationTimeout</c>.</summary>
    public static readonly ConfigKey<TimeSpan> AliveExpirationTimeout = new(
        "peer.gossip.aliveExpirationTimeout", Parse.Duration("200ms", "1h"), KeyDefaults.Same("25s"),
        "With `k8sgossip.failureDetection.enabled: false` (Fabric's way), the silence after which a peer counts as dead. In both modes, times `msgExpirationFactor`, how long a dead peer is remembered. Must exceed `aliveTimeInterval`.");

    /// <summary><c>peer.gossip.reconnectInterval</c>.</summary>
    public static readonly ConfigKey<TimeSpan> ReconnectInterval = new(
        "peer.gossip.reconnectInterval", Parse.Duration("100ms", "1h"), KeyDefaults.Differ("5s", "25s"),
        "Period of retrying dead peers, and the pause between connection attempts to bootstrap and anchor peers.",
        "A Kubernetes pod restarts in seconds; retrying every 5 s lets a restarted peer rejoin without waiting 25 s.");

    /// <summary><c>peer.gossip.maxConnectionAttempts</c>.</summary>
    public static readonly ConfigKey<int> MaxConnectionAttempts = new(
        "peer.gossip.maxConnectionAttempts", Parse.Integer(1, 1_000_000), KeyDefaults.Same("120"),
        "Connection attempts to a bootstrap or anchor peer, and membership-request retries, before giving up until the next reconnect round.");

    /// <summary><c>peer.gossip.msgExpirationFactor</c>.</summary>
    public static readonly ConfigKey<int> MsgExpirationFactor = new(
        "peer.gossip.msgExpirationFactor", Parse.Integer(1, 10_000), KeyDefaults.Same("20"),
        "A dead peer is forgotten after `aliveExpirationTimeout` × this factor (bootstrap and anchor peers are never forgotten).");

    /// <summary><c>peer.gossip.maxBlockCountToStore</c>.</summary>
    public static readonly ConfigKey<int> MaxBlockCountToStore = new(
        "peer.gossip.maxBlockCountToStore", Parse.Integer(1, 1_000_000), KeyDefaults.Differ("200", "10"),
        "Most blocks per channel kept in memory to answer pull. The store is also bounded by `k8sgossip.dissemination.storeMaxBytes` and `storeMaxAge`.",
        "Fabric cut this to 10 because memory grew with the count; here memory is bounded by bytes, so a longer window lets pull repair further back at no memory risk.");

    /// <summary><c>peer.gossip.digestWaitTime</c>.</summary>
    public static readonly ConfigKey<TimeSpan> DigestWaitTime = new(
        "peer.gossip.digestWaitTime", Parse.Duration("1ms", "1m"), KeyDefaults.Differ("100ms", "1s"),
        "How long the pull initiator collects digests before requesting what it misses.",
        "Round trips inside a cluster take well under a millisecond; 100 ms still covers a busy peer and shortens every pull repair by 900 ms.");

    /// <summary><c>peer.gossip.requestWaitTime</c>.</summary>
    public static readonly ConfigKey<TimeSpan> RequestWaitTime = new(
        "peer.gossip.requestWaitTime", Parse.Duration("1ms", "1m"), KeyDefaults.Differ("500ms", "1500ms"),
        "How long the pull responder accepts a request for a digest it sent. Must exceed `digestWaitTime`.",
        "Scaled with `digestWaitTime`: the request arrives after the initiator's digest wait.");

    /// <summary><c>peer.gossip.responseWaitTime</c>.</summary>
    public static readonly ConfigKey<TimeSpan> ResponseWaitTime = new(
        "peer.gossip.responseWaitTime", Parse.Duration("1ms", "1m"), KeyDefaults.Differ("1s", "2s"),
        "How long the pull initiator accepts responses to its request.",
        "Scaled with `digestWaitTime` so a pull round fits well inside the shorter `pullInterval`.");

    /// <summary><c>peer.gossip.dialTimeout</c>.</summary>
    public static readonly ConfigKey<TimeSpan> DialTimeout = new(
        "peer.gossip.dialTimeout", Parse.Duration("10ms", "1m"), KeyDefaults.Same("3s"),
        "Timeout of opening a connection (TCP and TLS) to another peer.");

    /// <summary><c>peer.gossip.connTimeout</c>.</summary>
    public static readonly ConfigKey<TimeSpan> ConnTimeout = new(
        "peer.gossip.connTimeout", Parse.Duration("10ms", "1m"), KeyDefaults.Same("2s"),
        "Deadline of a ping and of receiving the other side's handshake.");

    /// <summary><c>peer.gossip.sendBuffSize</c>.</summary>
    public static readonly ConfigKey<int> SendBuffSize = new(
        "peer.gossip.sendBuffSize", Parse.Integer(1, 100_000), KeyDefaults.Same("200"),
        "Messages queued for sending per connection; when full, new messages to that peer are dropped and counted (pull repairs them).");

    /// <summary><c>peer.gossip.recvBuffSize</c>.</summary>
    public static readonly ConfigKey<int> RecvBuffSize = new(
        "peer.gossip.recvBuffSize", Parse.Integer(1, 100_000), KeyDefaults.Same("20"),
        "Messages queued for handling per connection; a peer that fills it is slowed down (HTTP/2 flow control), not buffered without bound.");

    /// <summary>The group, in documentation order.</summary>
    public static KeyGroup Group => new(
        "Gossip (`peer.gossip.*`)",
        "Fabric's gossip keys, with Fabric's meaning. The `default` profile tightens the timers for a Kubernetes network, where round trips are sub-millisecond and pods restart in seconds; `fabric-defaults` keeps Fabric's values.",
        [Bootstrap, GossipEndpoint, ExternalEndpoint, PropagatePeerNum, PropagateIterations, MaxPropagationBurstSize, MaxPropagationBurstLatency,
         PullInterval, PullPeerNum, RequestStateInfoInterval, PublishStateInfoInterval, AliveTimeInterval, AliveExpirationTimeout,
         ReconnectInterval, MaxConnectionAttempts, MsgExpirationFactor, MaxBlockCountToStore, DigestWaitTime, RequestWaitTime,
         ResponseWaitTime, DialTimeout, ConnTimeout, SendBuffSize, RecvBuffSize]);
}
