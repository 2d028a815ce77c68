using K8sGossip.Gossip.Identity;

namespace K8sGossip.Gossip.Channels;

/// <summary>A peer that proved membership of a channel by a verified StateInfo, as this node sees it.</summary>
/// <param name="PkiId">Who.</param>
/// <param name="MspId">Its organization (a member organization of the channel).</param>
/// <param name="Endpoint">Where to dial it (internal endpoint in the same org, else external); null when unknown.</param>
/// <param name="LedgerHeight">The ledger height its latest StateInfo reports.</param>
/// <param name="IsLeader">Whether it declares itself its organization's leader.</param>
/// <param name="Role">Its role, as published.</param>
public sealed record ChannelMember(PkiId PkiId, string MspId, string? Endpoint, ulong LedgerHeight, bool IsLeader, string Role);
