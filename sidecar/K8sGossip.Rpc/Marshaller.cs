using System.Buffers;

namespace K8sGossip.Rpc;

/// <summary>Turns messages of one type into bytes and back, writing straight into pooled buffers.</summary>
/// <remarks>
/// <c>serialize</c> must write exactly <c>calculateSize(message)</c> bytes: the length prefix is written first so
/// the message can go straight into the output pipe without an intermediate copy.
/// </remarks>
/// <typeparam name="T">The message type.</typeparam>
public sealed class Marshaller<T>
{
    private readonly Func<T, int> _calculateSize;
    private readonly Action<T, IBufferWriter<byte>> _serialize;
    private readonly Func<ReadOnlySequence<byte>, T> _deserialize;

    /// <summary>Creates a marshaller from its three operations.</summary>
    public Marshaller(Func<T, int> calculateSize, Action<T, IBufferWriter<byte>> serialize, Func<ReadOnlySequence<byte>, T> deserialize)
    {
        ArgumentNullException.ThrowIfNull(calculateSize);
        ArgumentNullException.ThrowIfNull(serialize);
        ArgumentNullException.ThrowIfNull(deserialize);
        _calculateSize = calculateSize;
        _serialize = serialize;
        _deserialize = deserialize;
    }

    /// <summary>Returns the serialized size of <paramref name="message"/> in bytes.</summary>
    public int CalculateSize(T message) => _calculateSize(message);

    /// <summary>Writes <paramref name="message"/> into <paramref name="output"/>.</summary>
    public void Serialize(T message, IBufferWriter<byte> output) => _serialize(message, output);

    /// <summary>Reads a message from <paramref name="payload"/>.</summary>
    public T Deserialize(ReadOnlySequence<byte> payload) => _deserialize(payload);
}
