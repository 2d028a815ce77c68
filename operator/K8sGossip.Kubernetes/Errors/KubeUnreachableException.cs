namespace K8sGossip.Kubernetes.Errors;

/// <summary>The API server could not be reached: connection refused, DNS failure, TLS failure or connect timeout.</summary>
public sealed class KubeUnreachableException : KubeApiException
{
    /// <summary>Creates the exception.</summary>
    public KubeUnreachableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public KubeUnreachableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public KubeUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
