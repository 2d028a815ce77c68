using System.Net.Http.Headers;

namespace K8sGossip.Rpc.Client;

/// <summary>A running bidirectional call: write and read concurrently; dispose to cancel.</summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class AsyncDuplexStreamingCall<TRequest, TResponse> : IDisposable
{
    private readonly IClientCallState _state;

    internal AsyncDuplexStreamingCall(IClientStreamWriter<TRequest> requestStream, IAsyncStreamReader<TResponse> responseStream, IClientCallState state)
    {
        RequestStream = requestStream;
        ResponseStream = responseStream;
        _state = state;
    }

    /// <summary>The request stream: buffer with <c>Write</c>, send with <c>FlushAsync</c>, half-close with <c>CompleteAsync</c>.</summary>
    public IClientStreamWriter<TRequest> RequestStream { get; }

    /// <summary>The responses; <c>MoveNext</c> throws <see cref="RpcException"/> if the call ends with a non-OK status.</summary>
    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    /// <summary>The response headers, once they arrive: the server has accepted the call.</summary>
    public Task<HttpResponseHeaders> ResponseHeadersAsync() => _state.ResponseHeadersAsync();

    /// <summary>The final status; only after the response stream has ended.</summary>
    public RpcStatus GetStatus() => _state.GetStatus();

    /// <summary>The trailers; only after the response stream has ended.</summary>
    public HttpResponseHeaders? GetTrailers() => _state.GetTrailers();

    /// <summary>Cancels the call if it is still running and releases its resources.</summary>
    public void Dispose() => _state.Dispose();
}
