namespace K8sGossip.Rpc;

/// <summary>Reads a stream of messages one at a time (request stream on a server, response stream on a client).</summary>
/// <remarks>Not thread-safe: one reader at a time.</remarks>
/// <typeparam name="T">The message type.</typeparam>
public interface IAsyncStreamReader<out T>
{
    /// <summary>The message read by the last successful <see cref="MoveNext"/>.</summary>
    T Current { get; }

    /// <summary>Advances to the next message; false at the end of the stream.</summary>
    /// <exception cref="RpcException">The call failed; on a client, also when the stream ended with a non-OK status.</exception>
    ValueTask<bool> MoveNext(CancellationToken cancellationToken = default);
}
