using System.Net;
using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Kubernetes.Errors;

/// <summary>A request to the Kubernetes API failed; subclasses name the kind of failure.</summary>
public class KubeApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KubeApiException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public KubeApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public KubeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an HTTP error with the server's Status body.</summary>
    public KubeApiException(string message, HttpStatusCode statusCode, KubeStatus? status, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Status = status;
    }

    /// <summary>The HTTP status code, when the server answered.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The server's Status body, when it sent one.</summary>
    public KubeStatus? Status { get; }

    /// <summary>The Status reason, for example <c>NotFound</c>.</summary>
    public string? Reason => Status?.Reason;
}
