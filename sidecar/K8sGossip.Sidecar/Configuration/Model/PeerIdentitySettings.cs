using K8sGossip.Sidecar.Configuration.Values;

namespace K8sGossip.Sidecar.Configuration.Model;

/// <summary>Who the peer is (<c>peer.id</c>, <c>peer.address</c>, <c>peer.localMspId</c>, <c>peer.mspConfigPath</c>).</summary>
/// <param name="Id">The peer's name.</param>
/// <param name="Address">The endpoint peers of its organization reach it at.</param>
/// <param name="MspId">Its organization's MSP ID.</param>
/// <param name="MspConfigPath">Absolute path of its MSP directory (signcerts/, keystore/, cacerts/).</param>
public sealed record PeerIdentitySettings(string Id, HostPort Address, string MspId, string MspConfigPath);
