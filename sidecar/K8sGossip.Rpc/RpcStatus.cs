namespace K8sGossip.Rpc;

/// <summary>The outcome of a call: a status code and a human-readable detail message.</summary>
/// <param name="Code">The gRPC status code.</param>
/// <param name="Detail">The detail message carried in <c>grpc-message</c> (may be empty).</param>
public readonly record struct RpcStatus(StatusCode Code, string Detail)
{
    /// <summary>The successful status with no detail.</summary>
    public static RpcStatus Ok { get; } = new(StatusCode.OK, string.Empty);

    /// <inheritdoc />
    public override string ToString() => Detail.Length == 0 ? $"Status({Code})" : $"Status({Code}, \"{Detail}\")";
}
