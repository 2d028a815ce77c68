namespace K8sGossip.Rpc;

/// <summary>The four gRPC call shapes.</summary>
public enum MethodType
{
    /// <summary>One request, one response.</summary>
    Unary,

    /// <summary>Many requests, one response.</summary>
    ClientStreaming,

    /// <summary>One request, many responses.</summary>
    ServerStreaming,

    /// <summary>Many requests and many responses, interleaved freely (bidirectional streaming).</summary>
    DuplexStreaming,
}
