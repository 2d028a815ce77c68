namespace K8sGossip.Sidecar.Configuration.Model;

/// <summary>Catch-up (<c>peer.gossip.state.*</c>) and the reorder window's byte bound (<c>k8sgossip.reorder.maxBytes</c>).</summary>
/// <param name="Enabled"><c>state.enabled</c>.</param>
/// <param name="CheckInterval"><c>state.checkInterval</c>.</param>
/// <param name="ResponseTimeout"><c>state.responseTimeout</c>.</param>
/// <param name="BatchSize"><c>state.batchSize</c>.</param>
/// <param name="BlockBufferSize"><c>state.blockBufferSize</c>: the reorder window in blocks.</param>
/// <param name="MaxRetries"><c>state.maxRetries</c>.</param>
/// <param name="ReorderMaxBytes"><c>k8sgossip.reorder.maxBytes</c>: the reorder window in bytes.</param>
public sealed record StateTransferSettings(
    bool Enabled, TimeSpan CheckInterval, TimeSpan ResponseTimeout, int BatchSize, int BlockBufferSize, int MaxRetries, long ReorderMaxBytes);
