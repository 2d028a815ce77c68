using System.Net;
using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Kubernetes.Errors;

/// <summary>The object or collection does not exist (404).</summary>
public sealed class KubeNotFoundException : KubeApiException
{
    /// <summary>Creates the exception.</summary>
    public KubeNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public KubeNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public KubeNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for the server's answer.</summary>
    public KubeNotFoundException(string message, HttpStatusCode statusCode, KubeStatus? status)
        : base(message, statusCode, status)
    {
    }
}
