using System.Text.Json;
using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.TestServer.Resources;

namespace K8sGossip.Kubernetes.TestServer.Apply;

/// <summary>What a field path points at in an object.</summary>
internal enum FieldKind
{
    /// <summary>A non-empty map (or keyed list) that holds other fields.</summary>
    Container,

    /// <summary>A scalar, an empty map, or an atomic list.</summary>
    Leaf,

    /// <summary>An item of a keyed or set list.</summary>
    Item,
}

/// <summary>Walks an object into field paths, honouring list semantics, and diffs two objects field by field.</summary>
internal static class ObjectFields
{
    private static readonly HashSet<string> ServerOwnedMetadata = new(StringComparer.Ordinal)
    {
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields",
        "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink",
    };

    /// <summary>Every field path of the object, with what it points at; server-owned fields are left out.</summary>
    public static Dictionary<string, (FieldKind Kind, JsonNode? Value)> Index(JsonObject obj, ListSchema schema)
    {
        var index = new Dictionary<string, (FieldKind, JsonNode?)>(StringComparer.Ordinal);
        foreach (var (name, value) in obj)
        {
            if (name is "apiVersion" or "kind")
            {
                continue;
            }

            if (name == "metadata" && value is JsonObject meta)
            {
                var metaPath = "f:metadata";
                // metadata is present on every object, so it is never added, changed or owned itself; only its members are.
                foreach (var (k, v) in meta.Where(kv => !ServerOwnedMetadata.Contains(kv.Key)))
                {
                    Walk(v, FieldSet.Child(metaPath, "f:" + k), "metadata." + k, schema, index);
                }

                continue;
            }

            Walk(value, "f:" + name, name, schema, index);
        }

        return index;
    }

    /// <summary>The fields an applied configuration sets: leaves and list items, not the maps that hold them.</summary>
    public static FieldSet AppliedSet(JsonObject config, ListSchema schema) =>
        new(Index(config, schema).Where(kv => kv.Value.Kind != FieldKind.Container).Select(kv => kv.Key));

    /// <summary>Fields added, changed (leaves only) and removed between two versions of an object.</summary>
    public static (FieldSet Added, FieldSet Modified, FieldSet Removed) Compare(JsonObject? before, JsonObject after, ListSchema schema)
    {
        var old = before is null ? [] : Index(before, schema);
        var now = Index(after, schema);
        var added = new FieldSet(now.Keys.Where(k => !old.ContainsKey(k)));
        var removed = new FieldSet(old.Keys.Where(k => !now.ContainsKey(k)));
        var modified = new FieldSet(now.Where(kv => old.TryGetValue(kv.Key, out var o) && Changed(o, kv.Value)).Select(kv => kv.Key));
        return (added, modified, removed);
    }

    /// <summary>A map or list filling up or emptying is a change of its members, not of the field itself.</summary>
    private static bool Changed((FieldKind Kind, JsonNode? Value) before, (FieldKind Kind, JsonNode? Value) after)
    {
        if (before.Kind == FieldKind.Leaf && after.Kind == FieldKind.Leaf)
        {
            return !JsonNode.DeepEquals(before.Value, after.Value);
        }

        if (before.Kind == after.Kind)
        {
            return false;
        }

        return (before.Value, after.Value) is not ((JsonObject, JsonObject) or (JsonArray, JsonArray));
    }

    /// <summary>The path element of a keyed list item, or null when the item lacks usable keys.</summary>
    public static string? ItemElement(JsonNode? item, ListShape shape)
    {
        if (shape.Kind == ListMergeKind.Set)
        {
            return item is JsonValue ? "v:" + item.ToJsonString() : null;
        }

        if (item is not JsonObject o)
        {
            return null;
        }

        var key = new JsonObject();
        foreach (var name in shape.Keys.Order(StringComparer.Ordinal))
        {
            if (o[name] is { } value)
            {
                key[name] = value.DeepClone();
            }
        }

        return key.Count == 0 ? null : "k:" + key.ToJsonString();
    }

    /// <summary>True when every item of a keyed/set list has a distinct key; otherwise the list is treated atomically.</summary>
    public static bool IsAddressable(JsonArray array, ListShape shape)
    {
        if (shape.Kind == ListMergeKind.Atomic)
        {
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        return array.All(item => ItemElement(item, shape) is { } element && seen.Add(element));
    }

    private static void Walk(JsonNode? node, string path, string schemaPath, ListSchema schema, Dictionary<string, (FieldKind, JsonNode?)> index)
    {
        switch (node)
        {
            case JsonObject o when o.Count > 0:
                index[path] = (FieldKind.Container, o);
                foreach (var (k, v) in o)
                {
                    Walk(v, FieldSet.Child(path, "f:" + k), schemaPath + "." + k, schema, index);
                }

                break;
            case JsonArray a when a.Count > 0 && schema.Lookup(schemaPath) is var shape && IsAddressable(a, shape):
                index[path] = (FieldKind.Container, a);
                foreach (var item in a)
                {
                    var itemPath = FieldSet.Child(path, ItemElement(item, shape)!);
                    index[itemPath] = (FieldKind.Item, item);
                    if (item is JsonObject itemObject)
                    {
                        foreach (var (k, v) in itemObject)
                        {
                            Walk(v, FieldSet.Child(itemPath, "f:" + k), schemaPath + "." + k, schema, index);
                        }
                    }
                }

                break;
            default:
                index[path] = (FieldKind.Leaf, node);
                break;
        }
    }

    /// <summary>Reads the value at a path, or false when absent.</summary>
    public static bool TryRead(JsonNode? root, string path, out JsonNode? value)
    {
        value = root;
        foreach (var element in FieldSet.Split(path))
        {
            if (!TryStep(value, element, out value, out _, out _))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Follows one path element; reports the container and the member name or index it was found under.</summary>
    public static bool TryStep(JsonNode? node, string element, out JsonNode? child, out JsonNode? container, out object? slot)
    {
        child = null;
        container = node;
        slot = null;
        var body = element[2..];
        switch (element[0])
        {
            case 'f' when node is JsonObject o && o.TryGetPropertyValue(body, out var v):
                child = v;
                slot = body;
                return true;
            case 'k' when node is JsonArray a:
                var key = JsonNode.Parse(body)!.AsObject();
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonObject item && key.All(kv => JsonNode.DeepEquals(item[kv.Key], kv.Value)))
                    {
                        child = item;
                        slot = i;
                        return true;
                    }
                }

                return false;
            case 'v' when node is JsonArray a:
                var wanted = JsonNode.Parse(body);
                for (var i = 0; i < a.Count; i++)
                {
                    if (JsonNode.DeepEquals(a[i], wanted))
                    {
                        child = a[i];
                        slot = i;
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    public static bool IsString(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String;
}
