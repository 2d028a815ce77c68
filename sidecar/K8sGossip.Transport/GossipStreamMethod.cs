using System.Buffers;
using K8sGossip.Rpc;

namespace K8sGossip.Transport;

/// <summary>The peer port's only method: <c>k8sgossip.gossip.v1.Gossip/Stream</c>, each message an opaque frame.</summary>
/// <remarks>A frame is a serialized Envelope; passing it as raw bytes is wire-identical to the typed message.</remarks>
internal static class GossipStreamMethod
{
    public const string ServiceName = "k8sgossip.gossip.v1.Gossip";

    private static readonly Marshaller<ReadOnlyMemory<byte>> Frames = new(
        static frame => frame.Length,
        static (frame, output) => output.Write(frame.Span),
        static payload => payload.ToArray());

    public static Method<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>> Stream { get; } =
        new(MethodType.DuplexStreaming, ServiceName, "Stream", Frames, Frames);
}
