using K8sGossip.Gossip.Protos;

namespace K8sGossip.Sidecar.Deliver;

/// <summary>
/// One message of a Deliver stream as this node handles it: a block's wire bytes (never decoded or re-encoded on the
/// way through), a <see cref="DeliverStatus"/>, or, when a received message is not a valid <c>DeliverResponse</c>,
/// the reason. On the wire it is exactly a <c>DeliverResponse</c> (see <see cref="DeliverFrameMarshaller"/>).
/// </summary>
public sealed class DeliverFrame
{
    private DeliverFrame(ReadOnlyMemory<byte> blockBytes, DeliverStatus? status, string? malformed)
    {
        BlockBytes = blockBytes;
        Status = status;
        Malformed = malformed;
    }

    /// <summary>The block's serialized bytes (when <see cref="IsBlock"/>).</summary>
    public ReadOnlyMemory<byte> BlockBytes { get; }

    /// <summary>The server's height announcement or final status, or null.</summary>
    public DeliverStatus? Status { get; }

    /// <summary>Why a received message could not be read, or null.</summary>
    public string? Malformed { get; }

    /// <summary>True when the frame carries a block.</summary>
    public bool IsBlock => Status is null && Malformed is null;

    /// <summary>A frame carrying the stored bytes of a block.</summary>
    public static DeliverFrame ForBlock(ReadOnlyMemory<byte> blockBytes) => new(blockBytes, null, null);

    /// <summary>A frame carrying a status.</summary>
    public static DeliverFrame ForStatus(DeliverStatus status) =>
        new(ReadOnlyMemory<byte>.Empty, status ?? throw new ArgumentNullException(nameof(status)), null);

    /// <summary>A received message that is not a valid DeliverResponse.</summary>
    public static DeliverFrame ForMalformed(string reason) => new(ReadOnlyMemory<byte>.Empty, null, reason);
}
