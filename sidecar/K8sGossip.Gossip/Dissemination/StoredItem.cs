using Google.Protobuf;
using K8sGossip.Gossip.Protos;

namespace K8sGossip.Gossip.Dissemination;

/// <summary>A data item in the <see cref="MessageStore"/>.</summary>
/// <param name="Seq">Its sequence number.</param>
/// <param name="Data">Its bytes.</param>
/// <param name="Hops">Hops it had travelled when it reached this node.</param>
/// <param name="Trace">The trace context it carried.</param>
/// <param name="StoredAt">When it was stored (the store's clock timestamp).</param>
public sealed record StoredItem(ulong Seq, ByteString Data, uint Hops, TraceContext? Trace, long StoredAt)
{
    /// <summary>What the item counts against the store's byte bound.</summary>
    public long ChargedBytes => Data.Length + MessageStore.OverheadBytes;

    /// <summary>The item as a data message for sending on (the hop count is this node's).</summary>
    public GossipMessage ToMessage() => new()
    {
        Nonce = 0,
        Trace = Trace,
        Data = new DataMessage { SeqNum = Seq, Data = Data, Hops = Hops },
    };
}
