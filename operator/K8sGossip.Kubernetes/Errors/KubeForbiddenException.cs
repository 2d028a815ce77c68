using System.Net;
using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Kubernetes.Errors;

/// <summary>RBAC denied the request (403); the message names the verb, resource, namespace and the rule that would allow it.</summary>
public sealed class KubeForbiddenException : KubeApiException
{
    /// <summary>Creates the exception.</summary>
    public KubeForbiddenException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public KubeForbiddenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public KubeForbiddenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for the server's answer, with the rule the caller's role is missing.</summary>
    public KubeForbiddenException(string message, HttpStatusCode statusCode, KubeStatus? status, RbacRequirement requirement)
        : base(message, statusCode, status)
    {
        Requirement = requirement;
    }

    /// <summary>The verb, resource and namespace of the denied request and the rule that grants it.</summary>
    public RbacRequirement? Requirement { get; }
}
