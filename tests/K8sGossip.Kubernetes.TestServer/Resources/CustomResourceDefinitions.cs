using System.Text.Json.Nodes;

namespace K8sGossip.Kubernetes.TestServer.Resources;

/// <summary>Turns a CustomResourceDefinition object into the resource it serves, including its declared list types.</summary>
internal static class CustomResourceDefinitions
{
    public static ResourceType Create(string group, string version, string plural, string kind, bool namespaced, string? listKind,
        string[]? shortNames, bool hasStatus = true) =>
        new(group, [version], plural, kind.ToLowerInvariant(), kind, listKind ?? kind + "List", namespaced, shortNames ?? [],
            hasStatus ? ["status"] : [], TracksGeneration: true, IsCustom: true, ListSchema.Custom([]), []);

    /// <summary>Reads spec.group, spec.names, spec.scope and the served versions; null when the object is not a usable CRD.</summary>
    public static ResourceType? FromObject(JsonObject crd)
    {
        if (crd["spec"] is not JsonObject spec || spec["names"] is not JsonObject names)
        {
            return null;
        }

        var group = (string?)spec["group"];
        var plural = (string?)names["plural"];
        var kind = (string?)names["kind"];
        if (string.IsNullOrEmpty(group) || string.IsNullOrEmpty(plural) || string.IsNullOrEmpty(kind))
        {
            return null;
        }

        var versions = new List<string>();
        var hasStatus = false;
        var lists = new Dictionary<string, ListShape>(StringComparer.Ordinal);
        foreach (var v in (spec["versions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (v["served"]?.GetValueKind() == System.Text.Json.JsonValueKind.False)
            {
                continue;
            }

            var name = (string?)v["name"];
            if (name is null)
            {
                continue;
            }

            // The storage version is served first, so it is the one new objects are stored at.
            if (v["storage"]?.GetValueKind() == System.Text.Json.JsonValueKind.True)
            {
                versions.Insert(0, name);
            }
            else
            {
                versions.Add(name);
            }

            hasStatus |= v["subresources"]?["status"] is not null;
            if (v["schema"]?["openAPIV3Schema"] is JsonObject schema)
            {
                CollectLists(schema, string.Empty, lists);
            }
        }

        if (versions.Count == 0)
        {
            return null;
        }

        var shortNames = (names["shortNames"] as JsonArray ?? []).Select(n => (string?)n).OfType<string>().ToArray();
        return new ResourceType(group, versions, plural, (string?)names["singular"] ?? kind.ToLowerInvariant(), kind,
            (string?)names["listKind"] ?? kind + "List", (string?)spec["scope"] != "Cluster", shortNames,
            hasStatus ? ["status"] : [], TracksGeneration: true, IsCustom: true, ListSchema.Custom(lists), []);
    }

    private static void CollectLists(JsonObject schema, string path, Dictionary<string, ListShape> lists)
    {
        if ((string?)schema["type"] == "array")
        {
            var listType = (string?)schema["x-kubernetes-list-type"];
            if (listType == "map")
            {
                var keys = (schema["x-kubernetes-list-map-keys"] as JsonArray ?? []).Select(k => (string?)k).OfType<string>().ToArray();
                lists[path] = new ListShape(ListMergeKind.Map, keys);
            }
            else if (listType == "set")
            {
                lists[path] = new ListShape(ListMergeKind.Set, []);
            }

            if (schema["items"] is JsonObject items)
            {
                CollectLists(items, path, lists);
            }

            return;
        }

        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, child) in properties)
            {
                if (child is JsonObject childSchema)
                {
                    CollectLists(childSchema, path.Length == 0 ? name : path + "." + name, lists);
                }
            }
        }
    }
}
