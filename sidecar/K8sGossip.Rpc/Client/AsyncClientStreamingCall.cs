using System.Net.Http.Headers;

namespace K8sGossip.Rpc.Client;

/// <summary>A running client-streaming call: write requests, complete, then await <see cref="ResponseAsync"/>.</summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class AsyncClientStreamingCall<TRequest, TResponse> : IDisposable
{
    private readonly IAsyncStreamReader<TResponse> _responses;
    private readonly IClientCallState _state;
    private Task<TResponse>? _response;

    internal AsyncClientStreamingCall(IClientStreamWriter<TRequest> requestStream, IAsyncStreamReader<TResponse> responses, IClientCallState state)
    {
        RequestStream = requestStream;
        _responses = responses;
        _state = state;
    }

    /// <summary>The request stream; call <see cref="IClientStreamWriter{T}.CompleteAsync"/> when done.</summary>
    public IClientStreamWriter<TRequest> RequestStream { get; }

    /// <summary>The single response; fails with <see cref="RpcException"/> on a non-OK status.</summary>
    public Task<TResponse> ResponseAsync => _response ??= RpcChannel.ReadSingleResponseAsync(_responses, CancellationToken.None);

    /// <summary>The response headers, once they arrive.</summary>
    public Task<HttpResponseHeaders> ResponseHeadersAsync() => _state.ResponseHeadersAsync();

    /// <summary>The final status; only after the call has finished.</summary>
    public RpcStatus GetStatus() => _state.GetStatus();

    /// <summary>The trailers; only after the call has finished.</summary>
    public HttpResponseHeaders? GetTrailers() => _state.GetTrailers();

    /// <summary>Cancels the call if it is still running and releases its resources.</summary>
    public void Dispose() => _state.Dispose();
}
