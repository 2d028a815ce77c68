using System.Net.Http.Headers;

namespace K8sGossip.Rpc.Client;

/// <summary>A running server-streaming call: read <see cref="ResponseStream"/> to the end; dispose to cancel.</summary>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class AsyncServerStreamingCall<TResponse> : IDisposable
{
    private readonly IClientCallState _state;

    internal AsyncServerStreamingCall(IAsyncStreamReader<TResponse> responseStream, IClientCallState state)
    {
        ResponseStream = responseStream;
        _state = state;
    }

    /// <summary>The responses; <c>MoveNext</c> throws <see cref="RpcException"/> if the call ends with a non-OK status.</summary>
    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    /// <summary>The response headers, once they arrive.</summary>
    public Task<HttpResponseHeaders> ResponseHeadersAsync() => _state.ResponseHeadersAsync();

    /// <summary>The final status; only after the response stream has ended.</summary>
    public RpcStatus GetStatus() => _state.GetStatus();

    /// <summary>The trailers; only after the response stream has ended.</summary>
    public HttpResponseHeaders? GetTrailers() => _state.GetTrailers();

    /// <summary>Cancels the call if it is still running and releases its resources.</summary>
    public void Dispose() => _state.Dispose();
}
