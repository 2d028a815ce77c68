using K8sGossip.Sidecar.Configuration.Values;

namespace K8sGossip.Sidecar.Configuration.Channels;

/// <summary>An anchor peer: the endpoint through which other organizations reach an organization in a channel.</summary>
/// <param name="Organization">MSP ID of the anchor's organization.</param>
/// <param name="Endpoint">Its external endpoint.</param>
public sealed record AnchorPeer(string Organization, HostPort Endpoint);
