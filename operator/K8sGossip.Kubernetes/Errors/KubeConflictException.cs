using System.Net;
using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Kubernetes.Errors;

/// <summary>The object changed since it was read: the resourceVersion or a precondition did not match, or an apply met another field manager (409).</summary>
public sealed class KubeConflictException : KubeApiException
{
    /// <summary>Creates the exception.</summary>
    public KubeConflictException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public KubeConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public KubeConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for the server's answer.</summary>
    public KubeConflictException(string message, HttpStatusCode statusCode, KubeStatus? status)
        : base(message, statusCode, status)
    {
    }
}
