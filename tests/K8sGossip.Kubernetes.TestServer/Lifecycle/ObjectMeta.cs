using System.Globalization;
using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.TestServer.Resources;
using K8sGossip.Kubernetes.TestServer.Storage;

namespace K8sGossip.Kubernetes.TestServer.Lifecycle;

/// <summary>Reading and checking object metadata the way the API server does.</summary>
internal static class ObjectMeta
{
    public const string ForegroundFinalizer = "foregroundDeletion";
    public const string OrphanFinalizer = "orphan";

    public static JsonObject Meta(JsonObject obj)
    {
        if (obj["metadata"] is not JsonObject meta)
        {
            meta = new JsonObject();
            obj["metadata"] = meta;
        }

        return meta;
    }

    public static string Name(JsonObject obj) => (string?)obj["metadata"]?["name"] ?? string.Empty;

    public static string Namespace(JsonObject obj) => (string?)obj["metadata"]?["namespace"] ?? string.Empty;

    public static string Uid(JsonObject obj) => (string?)obj["metadata"]?["uid"] ?? string.Empty;

    public static long ResourceVersion(JsonObject obj) =>
        long.TryParse((string?)obj["metadata"]?["resourceVersion"], NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv : 0;

    /// <summary>metadata.generation, or null for kinds that do not track it.</summary>
    public static long? Generation(JsonObject obj) =>
        obj["metadata"]?["generation"] is JsonValue value && long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var g) ? g : null;

    public static bool IsDeleting(JsonObject obj) => obj["metadata"]?["deletionTimestamp"] is not null;

    public static List<string> Finalizers(JsonObject obj) =>
        [.. (obj["metadata"]?["finalizers"] as JsonArray ?? []).Select(f => (string?)f).OfType<string>()];

    public static void SetFinalizers(JsonObject obj, IReadOnlyCollection<string> finalizers)
    {
        if (finalizers.Count == 0)
        {
            Meta(obj).Remove("finalizers");
        }
        else
        {
            Meta(obj)["finalizers"] = new JsonArray([.. finalizers.Select(f => (JsonNode)JsonValue.Create(f))]);
        }
    }

    public static IEnumerable<JsonObject> OwnerReferences(JsonObject obj) =>
        (obj["metadata"]?["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>();

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Everything except metadata (and status, when status is a subresource): what bumps metadata.generation.</summary>
    public static JsonObject SpecPart(JsonObject obj, ResourceType type)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (key is "metadata" or "apiVersion" or "kind" || (key == "status" && type.HasStatus))
            {
                continue;
            }

            copy[key] = value?.DeepClone();
        }

        return copy;
    }

    /// <summary>The real API refuses new finalizers once deletion has started.</summary>
    public static void ValidateFinalizers(ResourceType type, JsonObject old, JsonObject candidate)
    {
        if (!IsDeleting(old))
        {
            return;
        }

        var before = Finalizers(old);
        var added = Finalizers(candidate).Where(f => !before.Contains(f)).ToList();
        if (added.Count > 0)
        {
            var list = string.Join(", ", added.Select(f => $"\"{f}\""));
            throw ApiErrors.Invalid(type, Name(old), "metadata.finalizers", "FieldValueForbidden",
                $"Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{{{list}}}");
        }
    }
}
