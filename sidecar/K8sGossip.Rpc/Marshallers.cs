using System.Buffers;
using Google.Protobuf;

namespace K8sGossip.Rpc;

/// <summary>Ready-made marshallers: Protocol Buffers messages and raw byte arrays.</summary>
public static class Marshallers
{
    /// <summary>Passes payloads through untouched: each message is an opaque byte array.</summary>
    public static Marshaller<byte[]> ByteArray { get; } = new(
        static bytes => bytes.Length,
        static (bytes, output) => output.Write(bytes),
        static payload => payload.ToArray());

    /// <summary>A marshaller for a generated Protocol Buffers message type.</summary>
    public static Marshaller<T> Protobuf<T>(MessageParser<T> parser)
        where T : IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(parser);
        return new Marshaller<T>(
            static message => message.CalculateSize(),
            static (message, output) => message.WriteTo(output),
            payload => parser.ParseFrom(payload));
    }
}
