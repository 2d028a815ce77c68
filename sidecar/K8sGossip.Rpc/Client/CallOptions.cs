namespace K8sGossip.Rpc.Client;

/// <summary>Per-call settings: metadata headers, deadline and cancellation.</summary>
/// <param name="Headers">Extra request headers (ASCII keys and values; keys lower-case; no <c>-bin</c> binary metadata).</param>
/// <param name="Deadline">Absolute deadline on the channel's clock; sent as <c>grpc-timeout</c> and enforced locally.</param>
/// <param name="CancellationToken">Cancels the call (RST_STREAM CANCEL); the call then fails with CANCELLED.</param>
public readonly record struct CallOptions(
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null,
    DateTimeOffset? Deadline = null,
    CancellationToken CancellationToken = default);
