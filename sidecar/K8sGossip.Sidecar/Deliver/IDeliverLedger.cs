using K8sGossip.Gossip.Blocks;

namespace K8sGossip.Sidecar.Deliver;

/// <summary>A channel's chain as Deliver serves it: the durable store and a way to wait for it to grow.</summary>
public interface IDeliverLedger
{
    /// <summary>The block store the bytes are read from.</summary>
    BlockStore Store { get; }

    /// <summary>How many blocks are durable and may be served.</summary>
    ulong Height { get; }

    /// <summary>Completes once <see cref="Height"/> reaches <paramref name="height"/>.</summary>
    Task WaitForHeightAsync(ulong height, CancellationToken ct);
}
