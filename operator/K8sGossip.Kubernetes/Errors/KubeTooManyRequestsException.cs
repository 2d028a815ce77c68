using System.Net;
using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Kubernetes.Errors;

/// <summary>The server throttled the request (429) and retries were exhausted.</summary>
public sealed class KubeTooManyRequestsException : KubeApiException
{
    /// <summary>Creates the exception.</summary>
    public KubeTooManyRequestsException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public KubeTooManyRequestsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public KubeTooManyRequestsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for the server's answer.</summary>
    public KubeTooManyRequestsException(string message, HttpStatusCode statusCode, KubeStatus? status, TimeSpan? retryAfter)
        : base(message, statusCode, status)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>How long the server asked the client to wait.</summary>
    public TimeSpan? RetryAfter { get; }
}
