using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.TestServer.Resources;

namespace K8sGossip.Kubernetes.TestServer.Apply;

/// <summary>The field-ownership bookkeeping of non-apply writes (create, update, patch), as the API server's field manager does it.</summary>
internal static class FieldOwnership
{
    /// <summary>
    /// The writer gains every field it added or changed and loses the ones it removed; every other manager loses
    /// fields that were changed or removed. The writer's entry is re-stamped only when it gained fields.
    /// </summary>
    public static List<ManagedFieldsEntry> RecordUpdate(IReadOnlyList<ManagedFieldsEntry> entries, JsonObject? before, JsonObject after,
        ResourceType type, string manager, string apiVersion, string subresource, string now)
    {
        var (added, modified, removed) = ObjectFields.Compare(TypedSkeleton.Fill(before, type), TypedSkeleton.Fill(after, type), type.Lists);
        var gained = added.Union(modified);
        var identity = (manager, ManagedFieldsEntry.UpdateOperation, subresource, apiVersion);
        var result = new List<ManagedFieldsEntry>();
        ManagedFieldsEntry? own = null;
        foreach (var e in entries)
        {
            if (e.Identity == identity)
            {
                own = e;
                continue;
            }

            result.Add(e with { Fields = e.Fields.Except(gained).Except(removed) });
        }

        if (gained.Count > 0)
        {
            var fields = (own?.Fields ?? new FieldSet()).Except(removed).Union(gained);
            result.Add(new ManagedFieldsEntry(manager, ManagedFieldsEntry.UpdateOperation, apiVersion, now, subresource, fields));
        }
        else if (own is not null)
        {
            result.Add(own with { Fields = own.Fields.Except(removed) });
        }

        return [.. result.Where(e => e.Fields.Count > 0)];
    }

    /// <summary>The manager name the API records when a request names none: the user agent up to its first '/'.</summary>
    public static string DefaultManager(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent))
        {
            return string.Empty;
        }

        var slash = userAgent.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? userAgent : userAgent[..slash];
        return name.Length > 128 ? name[..128] : name;
    }
}
