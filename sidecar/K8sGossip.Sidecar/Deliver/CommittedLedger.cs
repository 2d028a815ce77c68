using K8sGossip.Gossip.Blocks;

namespace K8sGossip.Sidecar.Deliver;

/// <summary>A peer's channel as Deliver serves it: what its committer has made durable.</summary>
public sealed class CommittedLedger(BlockStore store, BlockCommitter committer) : IDeliverLedger
{
    /// <inheritdoc />
    public BlockStore Store { get; } = store ?? throw new ArgumentNullException(nameof(store));

    /// <inheritdoc />
    public ulong Height => committer.CommittedHeight;

    /// <inheritdoc />
    public Task WaitForHeightAsync(ulong height, CancellationToken ct) => committer.WaitForHeightAsync(height, ct);
}
