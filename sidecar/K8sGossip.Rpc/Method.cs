namespace K8sGossip.Rpc;

/// <summary>Describes one RPC method: its shape, its gRPC path and how its messages are marshalled.</summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class Method<TRequest, TResponse>
{
    /// <summary>Creates a method descriptor.</summary>
    /// <param name="type">The call shape.</param>
    /// <param name="serviceName">The fully qualified service name, e.g. <c>k8sgossip.gossip.v1.Gossip</c>.</param>
    /// <param name="name">The method name, e.g. <c>Stream</c>.</param>
    /// <param name="requestMarshaller">Marshaller for requests.</param>
    /// <param name="responseMarshaller">Marshaller for responses.</param>
    public Method(MethodType type, string serviceName, string name, Marshaller<TRequest> requestMarshaller, Marshaller<TResponse> responseMarshaller)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(requestMarshaller);
        ArgumentNullException.ThrowIfNull(responseMarshaller);
        if (serviceName.Contains('/', StringComparison.Ordinal) || name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("Service and method names must not contain '/'.", nameof(name));
        }

        Type = type;
        ServiceName = serviceName;
        Name = name;
        RequestMarshaller = requestMarshaller;
        ResponseMarshaller = responseMarshaller;
        FullName = "/" + serviceName + "/" + name;
    }

    /// <summary>The call shape.</summary>
    public MethodType Type { get; }

    /// <summary>The fully qualified service name.</summary>
    public string ServiceName { get; }

    /// <summary>The method name.</summary>
    public string Name { get; }

    /// <summary>The HTTP/2 <c>:path</c> of the method: <c>/service/method</c>.</summary>
    public string FullName { get; }

    /// <summary>Marshaller for requests.</summary>
    public Marshaller<TRequest> RequestMarshaller { get; }

    /// <summary>Marshaller for responses.</summary>
    public Marshaller<TResponse> ResponseMarshaller { get; }
}
