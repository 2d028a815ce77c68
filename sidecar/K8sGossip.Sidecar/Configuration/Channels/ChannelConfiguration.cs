namespace K8sGossip.Sidecar.Configuration.Channels;

/// <summary>The validated channel file: the channels this sidecar serves and the CAs of every organization involved.</summary>
/// <param name="Channels">The channels, in file order.</param>
/// <param name="TrustBundle">MSP ID → absolute path of the organization's CA certificate (PEM).</param>
public sealed record ChannelConfiguration(IReadOnlyList<ChannelDefinition> Channels, IReadOnlyDictionary<string, string> TrustBundle);
