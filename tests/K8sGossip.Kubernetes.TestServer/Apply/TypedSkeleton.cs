using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.TestServer.Resources;

namespace K8sGossip.Kubernetes.TestServer.Apply;

/// <summary>
/// The struct fields an empty object of a built-in kind already has when the real server serializes it (spec and
/// status are Go structs, never omitted). Field ownership diffs start from this skeleton, so a creator owns
/// <c>f:spec</c>'s members but not <c>f:spec</c> itself, exactly as on a real server; custom resources have no skeleton.
/// </summary>
internal static class TypedSkeleton
{
    private static readonly string[] SpecAndStatus = ["spec", "status"];

    public static IReadOnlyList<string> StructPaths(ResourceType type) => (type.Group, type.Plural) switch
    {
        _ when type.IsCustom => [],
        ("", "configmaps" or "secrets" or "serviceaccounts" or "events") => [],
        ("rbac.authorization.k8s.io", _) => [],
        ("coordination.k8s.io", "leases") => ["spec"],
        ("apps", "statefulsets") => [.. SpecAndStatus, "spec.template", "spec.template.metadata", "spec.template.spec", "spec.updateStrategy"],
        ("", "services") => [.. SpecAndStatus, "status.loadBalancer"],
        _ => SpecAndStatus,
    };

    /// <summary>A copy of <paramref name="obj"/> (or of an empty object) with every skeleton struct present.</summary>
    public static JsonObject Fill(JsonObject? obj, ResourceType type)
    {
        var copy = (JsonObject?)obj?.DeepClone() ?? new JsonObject();
        foreach (var path in StructPaths(type))
        {
            var node = copy;
            foreach (var segment in path.Split('.'))
            {
                if (node[segment] is not JsonObject child)
                {
                    if (node.ContainsKey(segment))
                    {
                        break;
                    }

                    child = new JsonObject();
                    node[segment] = child;
                }

                node = child;
            }
        }

        return copy;
    }
}
