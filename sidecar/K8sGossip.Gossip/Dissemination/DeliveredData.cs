using K8sGossip.Gossip.Identity;

namespace K8sGossip.Gossip.Dissemination;

/// <summary>A valid data item that reached this node for the first time, handed to the layer above (block commit).</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Seq">Its sequence number (the block number).</param>
/// <param name="Data">The bytes (a serialized block).</param>
/// <param name="Hops">How many peer-to-peer hops it travelled from its source (0 when published here).</param>
/// <param name="TraceParent">The W3C traceparent to continue the block's trace from: this node's receive span when
/// spans are recorded, else the one it carried; null when none.</param>
/// <param name="TraceState">The W3C tracestate that goes with it, if any.</param>
/// <param name="From">The peer it came from; null when published here.</param>
/// <param name="Source">How it came.</param>
public sealed record DeliveredData(
    string Channel,
    ulong Seq,
    ReadOnlyMemory<byte> Data,
    int Hops,
    string? TraceParent,
    string? TraceState,
    PkiId? From,
    DataSource Source);
