using K8sGossip.Gossip.Identity;

namespace K8sGossip.Gossip.Comm;

/// <summary>Where to reach a peer and who it must prove to be.</summary>
public sealed record RemotePeer(PkiId PkiId, string Endpoint);
