using System.Buffers;
using Google.Protobuf;
using K8sGossip.Gossip.Protos;
using K8sGossip.Sidecar.Deliver;

namespace K8sGossip.Sidecar.Tests.Deliver;

public sealed class DeliverFrameMarshallerTests
{
    [Fact]
    public void A_block_frame_is_an_ordinary_DeliverResponse_carrying_the_stored_bytes_unchanged()
    {
        using var network = new TestNetwork();
        var block = network.Cut(1)[0];

        var wire = Serialize(DeliverFrame.ForBlock(block.Bytes));
        var parsed = DeliverResponse.Parser.ParseFrom(wire);

        Assert.Equal(DeliverResponse.ContentOneofCase.Block, parsed.ContentCase);
        Assert.Equal(block.Bytes.ToArray(), parsed.Block.ToByteArray());
    }

    [Fact]
    public void A_DeliverResponse_from_any_encoder_reads_back_as_the_same_block_bytes_or_status()
    {
        using var network = new TestNetwork();
        var block = network.Cut(1)[0];
        var withBlock = new DeliverResponse { Block = block.Block }.ToByteArray();
        var withStatus = new DeliverResponse { Status = new DeliverStatus { Height = 42, Message = "end" } }.ToByteArray();

        var blockFrame = DeliverFrameMarshaller.Instance.Deserialize(new ReadOnlySequence<byte>(withBlock));
        var statusFrame = DeliverFrameMarshaller.Instance.Deserialize(new ReadOnlySequence<byte>(withStatus));

        Assert.True(blockFrame.IsBlock);
        Assert.Equal(block.Bytes.ToArray(), blockFrame.BlockBytes.ToArray());
        Assert.Equal(42UL, statusFrame.Status!.Height);
        Assert.Equal(withStatus, Serialize(statusFrame));
    }

    [Theory]
    [InlineData(new byte[] { 0x0A, 0x05, 0x01 })]
    [InlineData(new byte[] { 0x0A })]
    [InlineData(new byte[] { 0x0B, 0x00 })]
    [InlineData(new byte[] { 0x0A, 0x01, 0x00, 0x0A, 0x01, 0x00 })]
    [InlineData(new byte[] { 0x12, 0x02, 0xFF, 0xFF })]
    [InlineData(new byte[] { })]
    public void Garbage_reads_as_a_malformed_frame_without_throwing(byte[] garbage)
    {
        var frame = DeliverFrameMarshaller.Instance.Deserialize(new ReadOnlySequence<byte>(garbage));

        Assert.NotNull(frame.Malformed);
        Assert.False(frame.IsBlock);
    }

    private static byte[] Serialize(DeliverFrame frame)
    {
        var buffer = new ArrayBufferWriter<byte>();
        DeliverFrameMarshaller.Instance.Serialize(frame, buffer);
        Assert.Equal(DeliverFrameMarshaller.Instance.CalculateSize(frame), buffer.WrittenCount);
        return buffer.WrittenSpan.ToArray();
    }
}
