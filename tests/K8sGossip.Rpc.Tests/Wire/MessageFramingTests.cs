using System.Buffers;
using K8sGossip.Rpc.Wire;

namespace K8sGossip.Rpc.Tests.Wire;

public sealed class MessageFramingTests
{
    [Fact]
    public void Written_message_is_prefixed_with_flag_zero_and_big_endian_length()
    {
        var output = new ArrayBufferWriter<byte>();

        MessageFraming.Write(output, new byte[] { 9, 8, 7 }, Marshallers.ByteArray, maxSendSize: 100);

        Assert.Equal(new byte[] { 0, 0, 0, 0, 3, 9, 8, 7 }, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Message_over_the_send_limit_is_refused_without_writing()
    {
        var output = new ArrayBufferWriter<byte>();

        var error = Assert.Throws<RpcException>(() => MessageFraming.Write(output, new byte[11], Marshallers.ByteArray, maxSendSize: 10));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void Frames_are_read_only_when_complete()
    {
        var full = new ReadOnlySequence<byte>(new byte[] { 0, 0, 0, 0, 2, 1, 2, 0, 0, 0, 0, 0 });
        var partial = full.Slice(0, 6);

        Assert.False(MessageFraming.TryRead(ref partial, 100, out _));
        Assert.True(MessageFraming.TryRead(ref full, 100, out var first));
        Assert.Equal(new byte[] { 1, 2 }, first.ToArray());
        Assert.True(MessageFraming.TryRead(ref full, 100, out var empty));
        Assert.True(empty.IsEmpty);
        Assert.True(full.IsEmpty);
    }

    [Fact]
    public void Oversize_length_is_refused_as_soon_as_the_header_arrives()
    {
        var headerOnly = new ReadOnlySequence<byte>(new byte[] { 0, 0x10, 0, 0, 0 });

        var error = Assert.Throws<RpcException>(() => MessageFraming.TryRead(ref headerOnly, 1024, out _));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(255)]
    public void Compressed_or_invalid_flag_is_INTERNAL(byte flag)
    {
        var frame = new ReadOnlySequence<byte>(new byte[] { flag, 0, 0, 0, 1, 42 });

        var error = Assert.Throws<RpcException>(() => MessageFraming.TryRead(ref frame, 1024, out _));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }
}
