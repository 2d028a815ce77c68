using System.Net;
using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Kubernetes.Errors;

/// <summary>The API server failed (5xx) and retries, where allowed, did not help.</summary>
public sealed class KubeServerErrorException : KubeApiException
{
    /// <summary>Creates the exception.</summary>
    public KubeServerErrorException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public KubeServerErrorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public KubeServerErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for the server's answer.</summary>
    public KubeServerErrorException(string message, HttpStatusCode statusCode, KubeStatus? status)
        : base(message, statusCode, status)
    {
    }
}
