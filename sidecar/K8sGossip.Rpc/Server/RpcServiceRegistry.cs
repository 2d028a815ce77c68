namespace K8sGossip.Rpc.Server;

/// <summary>The methods a server serves, keyed by path. Register everything before the server starts.</summary>
public sealed class RpcServiceRegistry
{
    private readonly Dictionary<string, ServerMethodBinding> _methods = new(StringComparer.Ordinal);

    /// <summary>The paths of the registered methods.</summary>
    public IReadOnlyCollection<string> MethodPaths => _methods.Keys;

    /// <summary>Registers a unary method.</summary>
    public RpcServiceRegistry AddUnary<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Add(method, MethodType.Unary, async (requests, responses, context) =>
        {
            TRequest request = await ReadSingleAsync(requests, context).ConfigureAwait(false);
            TResponse response = await handler(request, context).ConfigureAwait(false);

            // Not flushed: the message leaves together with the trailers when the call completes.
            responses.Write(response);
        });
    }

    /// <summary>Registers a server-streaming method.</summary>
    public RpcServiceRegistry AddServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Add(method, MethodType.ServerStreaming, async (requests, responses, context) =>
        {
            TRequest request = await ReadSingleAsync(requests, context).ConfigureAwait(false);
            await handler(request, responses, context).ConfigureAwait(false);
        });
    }

    /// <summary>Registers a client-streaming method.</summary>
    public RpcServiceRegistry AddClientStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Add(method, MethodType.ClientStreaming, async (requests, responses, context) =>
        {
            TResponse response = await handler(requests, context).ConfigureAwait(false);
            responses.Write(response);
        });
    }

    /// <summary>Registers a bidirectional streaming method.</summary>
    public RpcServiceRegistry AddDuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Add(method, MethodType.DuplexStreaming, handler);
    }

    internal bool TryGetMethod(string path, out ServerMethodBinding binding) => _methods.TryGetValue(path, out binding!);

    private static async Task<T> ReadSingleAsync<T>(IAsyncStreamReader<T> requests, ServerCallContext context)
    {
        if (!await requests.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            throw new RpcException(StatusCode.Internal, "The request stream ended without a request message.");
        }

        T request = requests.Current;
        if (await requests.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            throw new RpcException(StatusCode.Internal, "The request stream carried more than one message for a single-request method.");
        }

        return request;
    }

    private RpcServiceRegistry Add<TRequest, TResponse>(Method<TRequest, TResponse> method, MethodType expected, DuplexStreamingServerMethod<TRequest, TResponse> handler)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.Type != expected)
        {
            throw new ArgumentException($"Method {method.FullName} is {method.Type}, but was registered as {expected}.", nameof(method));
        }

        if (!_methods.TryAdd(method.FullName, new ServerMethodBinding<TRequest, TResponse>(method, handler)))
        {
            throw new ArgumentException($"Method {method.FullName} is already registered.", nameof(method));
        }

        return this;
    }
}
