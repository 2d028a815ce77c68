using K8sGossip.Gossip.Identity;

namespace K8sGossip.Gossip.Election;

/// <summary>A peer that could lead, with the ledger height it last reported.</summary>
public readonly record struct ElectionCandidate(PkiId PkiId, ulong Height);
