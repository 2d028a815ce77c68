namespace K8sGossip.Operator.Planning;

/// <summary>One anchor of an organization in a channel, resolved to an endpoint.</summary>
/// <param name="Resource">The AnchorPeer it comes from.</param>
/// <param name="Organization">The Organization's name.</param>
/// <param name="MspId">The organization's MSP ID.</param>
/// <param name="PeerName">The anchor peer, when named by ordinal; null for an explicit endpoint outside the network.</param>
/// <param name="Endpoint">The endpoint announced in the channel; null while the peer's Service address is pending.</param>
/// <param name="PendingService">The per-peer Service whose address becomes the endpoint, when still pending.</param>
public sealed record AnchorPlan(ResourceRef Resource, string Organization, string MspId, string? PeerName, Endpoint? Endpoint, string? PendingService);
