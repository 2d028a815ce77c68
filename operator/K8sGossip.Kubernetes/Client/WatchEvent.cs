using K8sGossip.Kubernetes.Models;

namespace K8sGossip.Kubernetes.Client;

/// <summary>The type of a watch event.</summary>
public enum WatchEventType
{
    /// <summary>An object appeared.</summary>
    Added,

    /// <summary>An object changed.</summary>
    Modified,

    /// <summary>An object was deleted; the event carries its last state.</summary>
    Deleted,

    /// <summary>No change; only advances the resourceVersion to resume from.</summary>
    Bookmark,
}

/// <summary>One change delivered by a watch.</summary>
/// <typeparam name="T">The object type.</typeparam>
/// <param name="Type">What happened.</param>
/// <param name="Object">The object after the change (its last state for deletes; only metadata for bookmarks).</param>
public sealed record WatchEvent<T>(WatchEventType Type, T Object)
    where T : KubeObject
{
    /// <summary>The resourceVersion this event brings the watcher to.</summary>
    public string? ResourceVersion => Object.Metadata.ResourceVersion;
}
