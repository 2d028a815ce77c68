using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;

namespace K8sGossip.Gossip.Comm;

/// <summary>
/// Authenticated messaging between peers: one connection per peer pair, opened on demand and bound by a
/// signed handshake to the peer's identity and TLS session; bounded, non-blocking sends.
/// </summary>
/// <remarks>All members are called, and all handlers run, under the node's <see cref="NodeContext.Gate"/>.</remarks>
public interface IGossipComm
{
    /// <summary>This node's identity.</summary>
    PeerIdentity Self { get; }

    /// <summary>Sends an envelope; connects first if needed. Never blocks; a full queue drops and counts.
    /// The connection must prove to be <see cref="RemotePeer.PkiId"/>, or it is closed.</summary>
    void Send(RemotePeer peer, Envelope envelope);

    /// <summary>Sends on an existing connection only (used for replies to peers whose endpoint is unknown,
    /// such as a peer of another organization with no external endpoint). False when not connected.</summary>
    bool TrySendConnected(PkiId peer, Envelope envelope);

    /// <summary>Registers the handler of one content type. One handler per type.</summary>
    void Handle(GossipMessage.ContentOneofCase content, Action<ReceivedMessage> handler);

    /// <summary>Raised when an authenticated connection to a peer is established.</summary>
    event Action<PeerIdentity>? PeerConnected;

    /// <summary>Raised when the last connection to a peer closes.</summary>
    event Action<PkiId>? PeerDisconnected;

    /// <summary>Raised when a connection this node opened to reach a peer closed before it was authenticated (refused,
    /// unreachable, or a failed handshake): the peer may be down, and nothing sent to it got through.</summary>
    event Action<PkiId>? DialFailed;

    /// <summary>Whether an authenticated connection to <paramref name="peer"/> exists now.</summary>
    bool IsConnected(PkiId peer);

    /// <summary>Peers with an authenticated connection now.</summary>
    IReadOnlyCollection<PkiId> ConnectedPeers { get; }

    /// <summary>Closes connections to a peer (it left, expired or misbehaved).</summary>
    void Disconnect(PkiId peer, string reason);

    /// <summary>Refuses a misbehaving peer's connections for <paramref name="duration"/> (a time-boxed ban).</summary>
    void Ban(PkiId peer, TimeSpan duration, string reason);
}
