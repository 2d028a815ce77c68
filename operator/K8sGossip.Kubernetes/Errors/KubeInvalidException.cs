using System.Net;
using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Kubernetes.Errors;

/// <summary>The object failed validation (422); <see cref="Causes"/> lists each bad field.</summary>
public sealed class KubeInvalidException : KubeApiException
{
    /// <summary>Creates the exception.</summary>
    public KubeInvalidException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public KubeInvalidException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public KubeInvalidException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for the server's answer.</summary>
    public KubeInvalidException(string message, HttpStatusCode statusCode, KubeStatus? status)
        : base(message, statusCode, status)
    {
    }

    /// <summary>Each validation failure: field path, reason and message.</summary>
    public IReadOnlyList<KubeStatusCause> Causes => Status?.Details?.Causes ?? [];
}
