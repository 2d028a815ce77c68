namespace K8sGossip.Sidecar.Configuration.Model;

/// <summary>Pulling from the ordering service (<c>peer.deliveryclient.*</c>).</summary>
/// <param name="ConnTimeout"><c>connTimeout</c>.</param>
/// <param name="ReconnectTotalTimeThreshold"><c>reconnectTotalTimeThreshold</c>: an elected leader cut off this long yields.</param>
public sealed record DeliveryClientSettings(TimeSpan ConnTimeout, TimeSpan ReconnectTotalTimeThreshold);
