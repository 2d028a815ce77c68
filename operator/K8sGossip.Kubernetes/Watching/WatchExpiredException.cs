using K8sGossip.Kubernetes.Errors;

namespace K8sGossip.Kubernetes.Watching;

/// <summary>The watch's resourceVersion was compacted away (410 Gone): the caller must relist and watch from the new version.</summary>
public sealed class WatchExpiredException : KubeApiException
{
    /// <summary>Creates the exception.</summary>
    public WatchExpiredException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public WatchExpiredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public WatchExpiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for the version that expired.</summary>
    public WatchExpiredException(string? resourceVersion, KubeGoneException innerException)
        : base($"Watch from resourceVersion '{resourceVersion}' expired (410 Gone); relist needed.", innerException)
    {
        ResourceVersion = resourceVersion;
    }

    /// <summary>The version the watch could no longer resume from.</summary>
    public string? ResourceVersion { get; }
}
