using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.TestServer.Resources;
using K8sGossip.Kubernetes.TestServer.Selectors;
using K8sGossip.Kubernetes.TestServer.Storage;

namespace K8sGossip.Kubernetes.TestServer.Lifecycle;

/// <summary>GET and LIST: selectors, limit/continue paging over a consistent snapshot, and 410 for expired continue tokens.</summary>
internal sealed class ResourceReader(ObjectStore store)
{
    public JsonObject Get(ResourceType type, string version, string ns, string name)
    {
        lock (store.Sync)
        {
            var obj = store.Get(type.Key, ns, name) ?? throw ApiErrors.NotFound(type, name);
            return Render(obj, type, version);
        }
    }

    public JsonObject List(ResourceType type, string version, string? ns, LabelSelector labels, FieldSelector fields, int limit, string? continueToken,
        long? exactResourceVersion = null)
    {
        lock (store.Sync)
        {
            long listVersion;
            IEnumerable<JsonObject> items;
            var start = string.Empty;
            if (!string.IsNullOrEmpty(continueToken))
            {
                (listVersion, start) = DecodeContinue(continueToken);
                items = store.SnapshotAt(type.Key, ns, listVersion);
            }
            else if (exactResourceVersion is { } exact)
            {
                listVersion = exact;
                items = store.SnapshotAt(type.Key, ns, exact, forContinue: false);
            }
            else
            {
                listVersion = store.CurrentResourceVersion;
                items = store.Scan(type.Key, ns);
            }

            var matching = items
                .Where(o => string.CompareOrdinal(ObjectStore.ItemKey(ObjectMeta.Namespace(o), ObjectMeta.Name(o)), start) > 0)
                .Where(o => labels.Matches(o) && fields.Matches(o))
                .ToList();
            var metadata = new JsonObject { ["resourceVersion"] = listVersion.ToString(CultureInfo.InvariantCulture) };
            if (limit > 0 && matching.Count > limit)
            {
                var last = matching[limit - 1];
                metadata["continue"] = EncodeContinue(listVersion, ObjectStore.ItemKey(ObjectMeta.Namespace(last), ObjectMeta.Name(last)));
                if (ReferenceEquals(labels, LabelSelector.Everything) && ReferenceEquals(fields, FieldSelector.Everything))
                {
                    metadata["remainingItemCount"] = matching.Count - limit;
                }

                matching = matching.GetRange(0, limit);
            }

            var rendered = new JsonArray();
            foreach (var item in matching)
            {
                var copy = Render(item, type, version);
                if (!type.ListItemsCarryKind)
                {
                    copy.Remove("apiVersion");
                    copy.Remove("kind");
                }

                rendered.Add(copy);
            }

            return new JsonObject
            {
                ["kind"] = type.ListKind,
                ["apiVersion"] = type.ApiVersion(version),
                ["metadata"] = metadata,
                ["items"] = rendered,
            };
        }
    }

    /// <summary>A copy of a stored object as served at the requested version.</summary>
    public static JsonObject Render(JsonObject obj, ResourceType type, string version)
    {
        var copy = new JsonObject
        {
            ["apiVersion"] = type.ApiVersion(version),
            ["kind"] = type.Kind,
        };
        foreach (var (key, value) in obj)
        {
            if (key is not ("apiVersion" or "kind"))
            {
                copy[key] = value?.DeepClone();
            }
        }

        return copy;
    }

    private static string EncodeContinue(long resourceVersion, string startAfter)
    {
        var json = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = resourceVersion, ["start"] = startAfter + "\u0000" }.ToJsonString();
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static (long ResourceVersion, string StartAfter) DecodeContinue(string token)
    {
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var json = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(padded)))!;
            var start = ((string?)json["start"] ?? string.Empty).TrimEnd('\u0000');
            return (long.Parse(json["rv"]!.ToJsonString(), CultureInfo.InvariantCulture), start);
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException or NullReferenceException)
        {
            throw ApiErrors.BadRequest($"continue key is not valid: {ex.Message}");
        }
    }
}
