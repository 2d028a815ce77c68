using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;

namespace K8sGossip.Gossip.Comm;

/// <summary>
/// A message that arrived on an authenticated connection: the sender is the peer that completed the
/// handshake, not whoever the message claims to come from. Signed content (alive, state, leadership)
/// may originate elsewhere and is verified by the layer that handles it.
/// </summary>
public sealed record ReceivedMessage(PeerIdentity Sender, Envelope Envelope, GossipMessage Message)
{
    /// <summary>The sender's PKI-ID.</summary>
    public PkiId SenderPkiId => Sender.PkiId;

    /// <summary>The sender's organization.</summary>
    public string SenderMspId => Sender.MspId;
}
