using K8sGossip.Sidecar.Configuration.Values;

namespace K8sGossip.Sidecar.Configuration.Model;

/// <summary>Endpoints, push, pull, membership timing and connection limits (Fabric's <c>peer.gossip.*</c>).</summary>
public sealed record GossipSettings
{
    /// <summary><c>bootstrap</c>: same-organization peers contacted at startup.</summary>
    public required IReadOnlyList<HostPort> Bootstrap { get; init; }

    /// <summary><c>endpoint</c>, or <c>peer.address</c> when empty: the endpoint advertised to the own organization.</summary>
    public required HostPort Endpoint { get; init; }

    /// <summary><c>externalEndpoint</c>: the endpoint advertised to other organizations; null keeps the peer invisible outside its org.</summary>
    public required HostPort? ExternalEndpoint { get; init; }

    /// <summary><c>propagatePeerNum</c>.</summary>
    public required int PropagatePeerNum { get; init; }

    /// <summary><c>propagateIterations</c>.</summary>
    public required int PropagateIterations { get; init; }

    /// <summary><c>maxPropagationBurstSize</c>.</summary>
    public required int MaxPropagationBurstSize { get; init; }

    /// <summary><c>maxPropagationBurstLatency</c>.</summary>
    public required TimeSpan MaxPropagationBurstLatency { get; init; }

    /// <summary><c>pullInterval</c>.</summary>
    public required TimeSpan PullInterval { get; init; }

    /// <summary><c>pullPeerNum</c>.</summary>
    public required int PullPeerNum { get; init; }

    /// <summary><c>requestStateInfoInterval</c>.</summary>
    public required TimeSpan RequestStateInfoInterval { get; init; }

    /// <summary><c>publishStateInfoInterval</c>.</summary>
    public required TimeSpan PublishStateInfoInterval { get; init; }

    /// <summary><c>aliveTimeInterval</c>.</summary>
    public required TimeSpan AliveTimeInterval { get; init; }

    /// <summary><c>aliveExpirationTimeout</c>.</summary>
    public required TimeSpan AliveExpirationTimeout { get; init; }

    /// <summary><c>reconnectInterval</c>.</summary>
    public required TimeSpan ReconnectInterval { get; init; }

    /// <summary><c>maxConnectionAttempts</c>.</summary>
    public required int MaxConnectionAttempts { get; init; }

    /// <summary><c>msgExpirationFactor</c>.</summary>
    public required int MsgExpirationFactor { get; init; }

    /// <summary><c>maxBlockCountToStore</c>.</summary>
    public required int MaxBlockCountToStore { get; init; }

    /// <summary><c>digestWaitTime</c>.</summary>
    public required TimeSpan DigestWaitTime { get; init; }

    /// <summary><c>requestWaitTime</c>.</summary>
    public required TimeSpan RequestWaitTime { get; init; }

    /// <summary><c>responseWaitTime</c>.</summary>
    public required TimeSpan ResponseWaitTime { get; init; }

    /// <summary><c>dialTimeout</c>.</summary>
    public required TimeSpan DialTimeout { get; init; }

    /// <summary><c>connTimeout</c>.</summary>
    public required TimeSpan ConnTimeout { get; init; }

    /// <summary><c>sendBuffSize</c>.</summary>
    public required int SendBuffSize { get; init; }

    /// <summary><c>recvBuffSize</c>.</summary>
    public required int RecvBuffSize { get; init; }

    /// <summary>How long a dead peer is remembered: <c>aliveExpirationTimeout</c> × <c>msgExpirationFactor</c>.</summary>
    public TimeSpan DeadMemberRetention => AliveExpirationTimeout * MsgExpirationFactor;
}
