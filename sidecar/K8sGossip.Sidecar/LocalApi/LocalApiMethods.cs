using K8sGossip.Rpc;
using K8sGossip.Sidecar.LocalApi.Protos;

namespace K8sGossip.Sidecar.LocalApi;

/// <summary>The methods of <c>k8sgossip.localapi.v1.LocalApi</c> (see <c>Protos/localapi.proto</c>), for the server and its clients.</summary>
public static class LocalApiMethods
{
    /// <summary>The gRPC service name.</summary>
    public const string ServiceName = "k8sgossip.localapi.v1.LocalApi";

    /// <summary>Committed blocks from a height, then new ones.</summary>
    public static Method<BlocksRequest, CommittedBlockEvent> Blocks { get; } =
        new(MethodType.ServerStreaming, ServiceName, "Blocks", Marshallers.Protobuf(BlocksRequest.Parser), Marshallers.Protobuf(CommittedBlockEvent.Parser));

    /// <summary>A channel's members.</summary>
    public static Method<MembershipRequest, MembershipReply> Membership { get; } =
        new(MethodType.Unary, ServiceName, "Membership", Marshallers.Protobuf(MembershipRequest.Parser), Marshallers.Protobuf(MembershipReply.Parser));

    /// <summary>The node's identity and channels.</summary>
    public static Method<StatusRequest, StatusReply> Status { get; } =
        new(MethodType.Unary, ServiceName, "Status", Marshallers.Protobuf(StatusRequest.Parser), Marshallers.Protobuf(StatusReply.Parser));

    /// <summary>Sends a signed application message to a peer.</summary>
    public static Method<SendMessageRequest, SendMessageReply> SendMessage { get; } =
        new(MethodType.Unary, ServiceName, "SendMessage", Marshallers.Protobuf(SendMessageRequest.Parser), Marshallers.Protobuf(SendMessageReply.Parser));

    /// <summary>Verified application messages as they arrive.</summary>
    public static Method<MessagesRequest, ApplicationMessage> Messages { get; } =
        new(MethodType.ServerStreaming, ServiceName, "Messages", Marshallers.Protobuf(MessagesRequest.Parser), Marshallers.Protobuf(ApplicationMessage.Parser));
}
