using System.Buffers;
using Google.Protobuf;
using K8sGossip.Gossip.Protos;
using K8sGossip.Rpc;

namespace K8sGossip.Sidecar.Deliver;

/// <summary>
/// Writes and reads <see cref="DeliverFrame"/>s as <c>DeliverResponse</c> messages without decoding blocks: a block is
/// field 1 (length-delimited), so its stored bytes are copied behind a one-byte tag and a length, and read back as a
/// slice of the received message. Any gRPC client parsing <c>DeliverResponse</c> sees an ordinary message.
/// </summary>
public static class DeliverFrameMarshaller
{
    private const byte BlockTag = (1 << 3) | 2;
    private const byte StatusTag = (2 << 3) | 2;

    /// <summary>The marshaller for Deliver responses.</summary>
    public static Marshaller<DeliverFrame> Instance { get; } = new(CalculateSize, Serialize, Deserialize);

    private static int CalculateSize(DeliverFrame frame)
    {
        var length = PayloadLength(frame);
        return 1 + CodedOutputStream.ComputeLengthSize(length) + length;
    }

    private static int PayloadLength(DeliverFrame frame)
    {
        if (frame.Malformed is not null)
        {
            throw new InvalidOperationException("A malformed frame is never sent.");
        }

        return frame.Status is { } status ? status.CalculateSize() : frame.BlockBytes.Length;
    }

    private static void Serialize(DeliverFrame frame, IBufferWriter<byte> output)
    {
        var length = PayloadLength(frame);
        var prefix = output.GetSpan(1 + 5);
        prefix[0] = frame.Status is null ? BlockTag : StatusTag;
        var written = 1 + WriteVarint(prefix[1..], (uint)length);
        output.Advance(written);
        if (frame.Status is { } status)
        {
            status.WriteTo(output);
        }
        else
        {
            output.Write(frame.BlockBytes.Span);
        }
    }

    /// <summary>Reads a DeliverResponse. Never throws: a message that is not one becomes a malformed frame.</summary>
    internal static DeliverFrame Deserialize(ReadOnlySequence<byte> payload)
    {
        // One copy out of the transport's buffers: the block is then a slice of memory this frame owns.
        var bytes = payload.ToArray();
        DeliverFrame? result = null;
        var position = 0;
        while (position < bytes.Length)
        {
            if (!TryReadVarint(bytes, ref position, out var tag))
            {
                return DeliverFrame.ForMalformed("a truncated field tag");
            }

            var field = tag >> 3;
            var wireType = (int)(tag & 7);
            var start = position;
            var length = 0;
            switch (wireType)
            {
                case 0:
                    if (!TryReadVarint(bytes, ref position, out _))
                    {
                        return DeliverFrame.ForMalformed("a truncated varint");
                    }

                    break;
                case 1:
                    position += 8;
                    break;
                case 5:
                    position += 4;
                    break;
                case 2:
                    if (!TryReadVarint(bytes, ref position, out var declared) || declared > (ulong)(bytes.Length - position))
                    {
                        return DeliverFrame.ForMalformed("a length-delimited field runs past the end of the message");
                    }

                    start = position;
                    length = (int)declared;
                    position += length;
                    break;
                default:
                    return DeliverFrame.ForMalformed($"wire type {wireType} is not valid here");
            }

            if (position > bytes.Length)
            {
                return DeliverFrame.ForMalformed("a field runs past the end of the message");
            }

            if (wireType != 2 || field is not (1 or 2))
            {
                continue; // unknown fields are skipped, as protobuf parsers do
            }

            if (result is not null)
            {
                return DeliverFrame.ForMalformed("the message carries more than one block or status");
            }

            if (field == 1)
            {
                result = DeliverFrame.ForBlock(bytes.AsMemory(start, length));
                continue;
            }

            try
            {
                result = DeliverFrame.ForStatus(DeliverStatus.Parser.ParseFrom(bytes, start, length));
            }
            catch (InvalidProtocolBufferException ex)
            {
                return DeliverFrame.ForMalformed("an undecodable status: " + ex.Message);
            }
        }

        return result ?? DeliverFrame.ForMalformed("neither a block nor a status");
    }

    private static int WriteVarint(Span<byte> destination, uint value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    private static bool TryReadVarint(byte[] bytes, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= bytes.Length)
            {
                return false;
            }

            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }
}
