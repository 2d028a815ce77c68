using System.Buffers;
using System.Buffers.Binary;

namespace K8sGossip.Rpc.Wire;

/// <summary>Writes and parses gRPC length-prefixed messages: flag byte, 4-byte big-endian length, payload.</summary>
internal static class MessageFraming
{
    /// <summary>Writes one uncompressed message into <paramref name="output"/> after checking the send limit.</summary>
    public static void Write<T>(IBufferWriter<byte> output, T message, Marshaller<T> marshaller, int maxSendSize)
    {
        int size = marshaller.CalculateSize(message);
        if (size > maxSendSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted, $"Sending message exceeds the maximum configured message size ({size} > {maxSendSize} bytes).");
        }

        Span<byte> header = output.GetSpan(GrpcProtocol.FrameHeaderSize);
        header[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)size);
        output.Advance(GrpcProtocol.FrameHeaderSize);
        if (size > 0)
        {
            marshaller.Serialize(message, output);
        }
    }

    /// <summary>
    /// Takes one complete message off the front of <paramref name="buffer"/> if it is all there. The length is checked
    /// as soon as the header arrives, so an oversize message is refused before any of its payload is buffered.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxReceiveSize, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (buffer.Length < GrpcProtocol.FrameHeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[GrpcProtocol.FrameHeaderSize];
        buffer.Slice(0, GrpcProtocol.FrameHeaderSize).CopyTo(header);
        byte flag = header[0];
        if (flag == 1)
        {
            // We never offer a grpc-encoding, so a compressed message is a protocol violation by the peer.
            throw new RpcException(StatusCode.Internal, "Received a compressed message, but no message encoding was negotiated.");
        }

        if (flag != 0)
        {
            throw new RpcException(StatusCode.Internal, $"Received a message with an invalid compressed flag ({flag}).");
        }

        uint length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)maxReceiveSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted, $"Received message exceeds the maximum configured message size ({length} > {maxReceiveSize} bytes).");
        }

        long frameLength = GrpcProtocol.FrameHeaderSize + (long)length;
        if (buffer.Length < frameLength)
        {
            return false;
        }

        payload = buffer.Slice(GrpcProtocol.FrameHeaderSize, length);
        buffer = buffer.Slice(frameLength);
        return true;
    }
}
