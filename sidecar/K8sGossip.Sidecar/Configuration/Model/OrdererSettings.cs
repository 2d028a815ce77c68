using K8sGossip.Sidecar.Configuration.Values;

namespace K8sGossip.Sidecar.Configuration.Model;

/// <summary>The ordering service (<c>k8sgossip.orderer.*</c>): where peers find it and, in the orderer role, how it cuts blocks.</summary>
/// <param name="Endpoints">Fallback orderer endpoints for channels that list none.</param>
/// <param name="MspId">The ordering organization's MSP ID.</param>
/// <param name="BatchMaxMessages">Envelopes per block.</param>
/// <param name="BatchMaxBytes">Bytes per block.</param>
/// <param name="BatchTimeout">Longest wait before a non-empty block is cut.</param>
/// <param name="GeneratorRate">Generated blocks per second per channel; 0 is off.</param>
/// <param name="GeneratorBlockBytes">Payload size of a generated block.</param>
public sealed record OrdererSettings(
    IReadOnlyList<HostPort> Endpoints,
    string MspId,
    int BatchMaxMessages,
    long BatchMaxBytes,
    TimeSpan BatchTimeout,
    int GeneratorRate,
    long GeneratorBlockBytes);
