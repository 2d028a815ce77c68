namespace K8sGossip.Rpc;

/// <summary>The request stream of a client call: a writer that can also half-close the stream.</summary>
/// <typeparam name="T">The request message type.</typeparam>
public interface IClientStreamWriter<in T> : IAsyncStreamWriter<T>
{
    /// <summary>Flushes what is buffered and ends the request stream (HTTP/2 END_STREAM).</summary>
    ValueTask CompleteAsync();
}
