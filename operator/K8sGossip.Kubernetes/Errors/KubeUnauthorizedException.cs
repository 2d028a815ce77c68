using System.Net;
using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Kubernetes.Errors;

/// <summary>The credentials were missing, expired or rejected (401).</summary>
public sealed class KubeUnauthorizedException : KubeApiException
{
    /// <summary>Creates the exception.</summary>
    public KubeUnauthorizedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public KubeUnauthorizedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public KubeUnauthorizedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for the server's answer.</summary>
    public KubeUnauthorizedException(string message, HttpStatusCode statusCode, KubeStatus? status)
        : base(message, statusCode, status)
    {
    }
}
