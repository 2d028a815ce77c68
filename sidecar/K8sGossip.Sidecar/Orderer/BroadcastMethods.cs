using K8sGossip.Gossip.Protos;
using K8sGossip.Rpc;

namespace K8sGossip.Sidecar.Orderer;

/// <summary>The <c>k8sgossip.gossip.v1.Broadcast</c> service's method, for the orderer and its clients.</summary>
public static class BroadcastMethods
{
    /// <summary>The gRPC service name.</summary>
    public const string ServiceName = "k8sgossip.gossip.v1.Broadcast";

    /// <summary><c>Broadcast.Submit</c>: one envelope to be ordered; answered once the block holding it is durable.</summary>
    public static Method<SubmitRequest, SubmitResponse> Submit { get; } = new(
        MethodType.Unary,
        ServiceName,
        "Submit",
        Marshallers.Protobuf(SubmitRequest.Parser),
        Marshallers.Protobuf(SubmitResponse.Parser));
}
