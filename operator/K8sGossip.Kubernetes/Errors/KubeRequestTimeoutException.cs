namespace K8sGossip.Kubernetes.Errors;

/// <summary>The server did not answer within the client's request timeout.</summary>
public sealed class KubeRequestTimeoutException : KubeApiException
{
    /// <summary>Creates the exception.</summary>
    public KubeRequestTimeoutException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public KubeRequestTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public KubeRequestTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
