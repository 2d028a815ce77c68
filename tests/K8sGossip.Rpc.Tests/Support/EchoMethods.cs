using K8sGossip.Rpc.Tests.Interop;

namespace K8sGossip.Rpc.Tests.Support;

/// <summary>Method descriptors of the Echo test service from interop.proto.</summary>
internal static class EchoMethods
{
    public const string ServiceName = "k8sgossip.interop.v1.Echo";

    private static readonly Marshaller<EchoRequest> Request = Marshallers.Protobuf(EchoRequest.Parser);
    private static readonly Marshaller<EchoReply> Reply = Marshallers.Protobuf(EchoReply.Parser);

    public static Method<EchoRequest, EchoReply> Unary { get; } = new(MethodType.Unary, ServiceName, "Unary", Request, Reply);

    public static Method<EchoRequest, EchoReply> ServerStream { get; } = new(MethodType.ServerStreaming, ServiceName, "ServerStream", Request, Reply);

    public static Method<EchoRequest, EchoReply> ClientStream { get; } = new(MethodType.ClientStreaming, ServiceName, "ClientStream", Request, Reply);

    public static Method<EchoRequest, EchoReply> Bidi { get; } = new(MethodType.DuplexStreaming, ServiceName, "Bidi", Request, Reply);

    public static Method<EchoRequest, EchoReply> Missing { get; } = new(MethodType.Unary, ServiceName, "Missing", Request, Reply);
}
