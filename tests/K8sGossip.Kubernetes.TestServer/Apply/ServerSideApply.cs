using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.TestServer.Resources;
using K8sGossip.Kubernetes.TestServer.Storage;

namespace K8sGossip.Kubernetes.TestServer.Apply;

/// <summary>The outcome of an apply: the merged object and the new ownership.</summary>
internal sealed record ApplyOutcome(JsonObject Merged, List<ManagedFieldsEntry> Entries);

/// <summary>
/// Server-side apply: merges an applied configuration into the live object, prunes fields this manager applied before
/// and no longer applies (unless someone else owns them), and refuses to change fields another manager owns unless forced.
/// </summary>
internal static class ServerSideApply
{
    public static ApplyOutcome Apply(JsonObject live, JsonObject config, IReadOnlyList<ManagedFieldsEntry> entries, ListSchema schema,
        string manager, string subresource, string apiVersion, bool force, string now)
    {
        var applier = new ManagedFieldsEntry(manager, ManagedFieldsEntry.ApplyOperation, apiVersion, now, subresource, new FieldSet());
        var previous = entries.FirstOrDefault(e => e.Identity == applier.Identity);
        var applied = ObjectFields.AppliedSet(config, schema);
        var managers = entries.Where(e => e.Identity != applier.Identity).ToList();
        managers.Add(applier with { Fields = applied });

        var merged = (JsonObject)Merge(live, config, string.Empty, schema)!;
        if (previous is not null)
        {
            foreach (var path in previous.Fields.Except(applied).Paths.OrderByDescending(p => p.Length))
            {
                if (!managers.Exists(m => m.Fields.ContainsOrBeneath(path)))
                {
                    Prune(merged, path, managers);
                }
            }
        }

        var (added, modified, removed) = ObjectFields.Compare(live, merged, schema);
        var changed = added.Union(modified);
        var conflicts = managers.Where(m => m.Identity != applier.Identity)
            .SelectMany(m => m.Fields.Paths.Where(changed.Contains).Select(p => (Manager: m, Path: p)))
            .OrderBy(c => c.Manager.Manager, StringComparer.Ordinal).ThenBy(c => c.Path, StringComparer.Ordinal).ToList();
        if (conflicts.Count > 0 && !force)
        {
            throw ConflictError(conflicts);
        }

        var result = new List<ManagedFieldsEntry>();
        foreach (var m in managers)
        {
            if (m.Identity == applier.Identity)
            {
                continue;
            }

            result.Add(m with { Fields = m.Fields.Except(changed).Except(removed) });
        }

        // The entry is re-stamped only when the object changes, so re-applying the same configuration writes nothing.
        var unchanged = JsonNode.DeepEquals(WithoutManagedFields(live), WithoutManagedFields(merged));
        result.Add(applier with { Fields = applied, Time = unchanged && previous is not null ? previous.Time : now });
        return new ApplyOutcome(merged, [.. result.Where(e => e.Fields.Count > 0)]);
    }

    /// <summary>Drops nulls from an applied configuration: a null there means "not specified".</summary>
    public static JsonNode? WithoutNulls(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Where(kv => kv.Value is not null).Select(kv => KeyValuePair.Create(kv.Key, WithoutNulls(kv.Value)))),
        JsonArray a => new JsonArray([.. a.Select(WithoutNulls)]),
        _ => node?.DeepClone(),
    };

    private static JsonObject WithoutManagedFields(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        (copy["metadata"] as JsonObject)?.Remove("managedFields");
        return copy;
    }

    private static JsonNode? Merge(JsonNode? live, JsonNode? config, string schemaPath, ListSchema schema)
    {
        switch (config)
        {
            case JsonObject co when live is JsonObject lo:
                var result = (JsonObject)lo.DeepClone();
                foreach (var (key, value) in co)
                {
                    result[key] = Merge(lo[key], value, schemaPath.Length == 0 ? key : schemaPath + "." + key, schema);
                }

                return result;
            case JsonArray ca when live is JsonArray la && schema.Lookup(schemaPath) is var shape && ObjectFields.IsAddressable(ca, shape)
                && ObjectFields.IsAddressable(la, shape):
                var items = la.Select(i => i?.DeepClone()).ToList();
                foreach (var item in ca)
                {
                    var element = ObjectFields.ItemElement(item, shape);
                    var at = items.FindIndex(i => ObjectFields.ItemElement(i, shape) == element);
                    if (at < 0)
                    {
                        items.Add(item?.DeepClone());
                    }
                    else
                    {
                        items[at] = Merge(items[at], item, schemaPath, schema);
                    }
                }

                return new JsonArray([.. items]);
            default:
                return config?.DeepClone();
        }
    }

    private static void Prune(JsonObject root, string path, List<ManagedFieldsEntry> owners)
    {
        var elements = FieldSet.Split(path);
        var chain = new List<(JsonNode? Node, string Path)> { (root, string.Empty) };
        JsonNode? node = root;
        var current = string.Empty;
        foreach (var element in elements)
        {
            if (!ObjectFields.TryStep(node, element, out node, out _, out _))
            {
                return;
            }

            current = FieldSet.Child(current, element);
            chain.Add((node, current));
        }

        // Remove the field, then any map or list it leaves empty that nobody owns.
        for (var i = chain.Count - 1; i > 0; i--)
        {
            var (parent, _) = chain[i - 1];
            var element = elements[i - 1];
            if (i < chain.Count - 1)
            {
                var (self, selfPath) = chain[i];
                var empty = self is JsonObject { Count: 0 } || self is JsonArray { Count: 0 };
                if (!empty || owners.Exists(m => m.Fields.Contains(selfPath)))
                {
                    return;
                }
            }

            ObjectFields.TryStep(parent, element, out _, out _, out var slot);
            switch (parent)
            {
                case JsonObject o when slot is string name:
                    o.Remove(name);
                    break;
                case JsonArray a when slot is int index:
                    a.RemoveAt(index);
                    break;
                default:
                    return;
            }
        }
    }

    private static ApiException ConflictError(List<(ManagedFieldsEntry Manager, string Path)> conflicts)
    {
        var causes = new JsonArray();
        foreach (var (m, p) in conflicts)
        {
            causes.Add(new JsonObject
            {
                ["reason"] = "FieldManagerConflict",
                ["message"] = $"conflict with {m.Display}",
                ["field"] = FieldSet.Describe(p),
            });
        }

        string message;
        if (conflicts.Count == 1)
        {
            message = $"Apply failed with 1 conflict: conflict with {conflicts[0].Manager.Display}: {FieldSet.Describe(conflicts[0].Path)}";
        }
        else
        {
            var lines = conflicts.GroupBy(c => c.Manager.Display).OrderBy(g => g.Key, StringComparer.Ordinal)
                .SelectMany(g => new[] { $"conflicts with {g.Key}:" }.Concat(g.Select(c => "- " + FieldSet.Describe(c.Path))));
            message = $"Apply failed with {conflicts.Count} conflicts: {string.Join('\n', lines)}";
        }

        return new ApiException(409, "Conflict", message, new JsonObject { ["causes"] = causes });
    }
}
