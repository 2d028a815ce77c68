using System.Net;
using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Kubernetes.Errors;

/// <summary>An object with this name already exists (409, reason AlreadyExists).</summary>
public sealed class KubeAlreadyExistsException : KubeApiException
{
    /// <summary>Creates the exception.</summary>
    public KubeAlreadyExistsException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public KubeAlreadyExistsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public KubeAlreadyExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for the server's answer.</summary>
    public KubeAlreadyExistsException(string message, HttpStatusCode statusCode, KubeStatus? status)
        : base(message, statusCode, status)
    {
    }
}
