using System.Text.Json.Nodes;

namespace K8sGossip.Kubernetes.TestServer.Watch;

/// <summary>One change in the store: ADDED, MODIFIED, DELETED, or a BOOKMARK carrying only a resourceVersion.</summary>
/// <param name="Previous">The object before the change, so selector transitions and snapshots can be derived.</param>
internal sealed record WatchEvent(string Type, long ResourceVersion, string TypeKey, string Namespace, string Name, JsonObject? Object, JsonObject? Previous)
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";
    public const string Bookmark = "BOOKMARK";
}
