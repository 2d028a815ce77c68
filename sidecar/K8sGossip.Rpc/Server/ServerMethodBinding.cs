using Microsoft.AspNetCore.Http;

namespace K8sGossip.Rpc.Server;

/// <summary>A registered method: its path and how to run its handler on an HTTP/2 request.</summary>
internal abstract class ServerMethodBinding
{
    protected ServerMethodBinding(string path, MethodType type)
    {
        Path = path;
        Type = type;
    }

    public string Path { get; }

    public MethodType Type { get; }

    public abstract Task InvokeAsync(HttpContext httpContext, ServerCallContext context, RpcServerOptions options);
}

/// <summary>A method whose handler has been adapted to the bidirectional shape every call shape fits into.</summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
internal sealed class ServerMethodBinding<TRequest, TResponse> : ServerMethodBinding
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly DuplexStreamingServerMethod<TRequest, TResponse> _handler;

    public ServerMethodBinding(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
        : base(method.FullName, method.Type)
    {
        _method = method;
        _handler = handler;
    }

    public override async Task InvokeAsync(HttpContext httpContext, ServerCallContext context, RpcServerOptions options)
    {
        using var requests = new ServerRequestStream<TRequest>(httpContext, _method.RequestMarshaller, options.MaxReceiveMessageSize, context.CancellationToken);
        var responses = new ServerResponseStream<TResponse>(httpContext, _method.ResponseMarshaller, options.MaxSendMessageSize, context);
        await _handler(requests, responses, context).ConfigureAwait(false);
    }
}
