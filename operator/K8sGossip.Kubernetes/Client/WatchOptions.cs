namespace K8sGossip.Kubernetes.Client;

/// <summary>Parameters of one watch request.</summary>
public sealed record WatchOptions
{
    /// <summary>Deliver changes after this version; from "now" (with synthetic ADDED events) when null.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Ask the server for BOOKMARK events that advance the version without a change.</summary>
    public bool AllowWatchBookmarks { get; init; } = true;

    /// <summary>The server closes the watch after this many seconds; the caller reconnects.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>A label selector.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>A field selector.</summary>
    public string? FieldSelector { get; init; }
}
