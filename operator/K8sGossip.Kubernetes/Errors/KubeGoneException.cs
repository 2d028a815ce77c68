using System.Net;
using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Kubernetes.Errors;

/// <summary>The requested resourceVersion is too old (410): a watch must relist.</summary>
public sealed class KubeGoneException : KubeApiException
{
    /// <summary>Creates the exception.</summary>
    public KubeGoneException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public KubeGoneException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public KubeGoneException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for the server's answer.</summary>
    public KubeGoneException(string message, HttpStatusCode statusCode, KubeStatus? status)
        : base(message, statusCode, status)
    {
    }
}
