using K8sGossip.Gossip.Identity;

namespace K8sGossip.Sidecar.Peer;

/// <summary>An application message whose sender's signature verified.</summary>
/// <param name="Sender">The sending peer.</param>
/// <param name="Organization">Its organization.</param>
/// <param name="Topic">The topic the sender gave.</param>
/// <param name="Payload">The application's bytes.</param>
internal sealed record ReceivedAppMessage(PkiId Sender, string Organization, string Topic, ReadOnlyMemory<byte> Payload);
