namespace K8sGossip.Rpc;

/// <summary>Writes a stream of messages (response stream on a server, request stream on a client).</summary>
/// <remarks>
/// Not thread-safe: one writer at a time. <see cref="Write"/> only buffers, so a sender that drains a queue can
/// buffer several messages and send them with a single <see cref="FlushAsync"/>.
/// </remarks>
/// <typeparam name="T">The message type.</typeparam>
public interface IAsyncStreamWriter<in T>
{
    /// <summary>Buffers a message without sending it; call <see cref="FlushAsync"/> to send what is buffered.</summary>
    /// <exception cref="RpcException">With <see cref="StatusCode.ResourceExhausted"/> when the message exceeds the send limit.</exception>
    void Write(T message);

    /// <summary>Sends everything buffered, waiting while the peer applies flow control.</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes and sends one message.</summary>
    ValueTask WriteAsync(T message, CancellationToken cancellationToken = default);
}
