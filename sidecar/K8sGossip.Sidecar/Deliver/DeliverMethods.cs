using K8sGossip.Gossip.Protos;
using K8sGossip.Rpc;

namespace K8sGossip.Sidecar.Deliver;

/// <summary>The <c>k8sgossip.gossip.v1.Deliver</c> service's method, for servers and clients alike.</summary>
public static class DeliverMethods
{
    /// <summary>The gRPC service name.</summary>
    public const string ServiceName = "k8sgossip.gossip.v1.Deliver";

    /// <summary>The start of a head probe: a follow request from here answers with the server's height (its first
    /// message) and never reaches a block, so the caller reads one message and cancels.</summary>
    public const ulong HeadProbeStart = long.MaxValue;

    /// <summary><c>Deliver.Blocks</c>: blocks of a channel from a start number, each sent as stored.</summary>
    public static Method<DeliverRequest, DeliverFrame> Blocks { get; } = new(
        MethodType.ServerStreaming,
        ServiceName,
        "Blocks",
        Marshallers.Protobuf(DeliverRequest.Parser),
        DeliverFrameMarshaller.Instance);
}
