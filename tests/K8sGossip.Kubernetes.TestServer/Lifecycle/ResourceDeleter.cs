using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.TestServer.Resources;
using K8sGossip.Kubernetes.TestServer.Selectors;
using K8sGossip.Kubernetes.TestServer.Storage;

namespace K8sGossip.Kubernetes.TestServer.Lifecycle;

/// <summary>DELETE and DELETE-collection with preconditions and propagation policies.</summary>
internal sealed class ResourceDeleter(ObjectCommitter committer, GarbageCollector collector)
{
    /// <summary>Deletes one object; returns the response body and whether the object is already gone.</summary>
    public (JsonObject Body, bool Gone) Delete(ResourceType type, string version, string ns, string name, DeleteOptions options)
    {
        lock (committer.Store.Sync)
        {
            var old = committer.Store.Get(type.Key, ns, name) ?? throw ApiErrors.NotFound(type, name);
            if (options.Uid is not null && options.Uid != ObjectMeta.Uid(old))
            {
                throw ApiErrors.Conflict(type, name, $"Precondition failed: UID in precondition: {options.Uid}, UID in object meta: {ObjectMeta.Uid(old)}");
            }

            var current = (string?)old["metadata"]!["resourceVersion"];
            if (options.ResourceVersion is not null && options.ResourceVersion != current)
            {
                throw ApiErrors.Conflict(type, name, $"Precondition failed: ResourceVersion in precondition: {options.ResourceVersion}, ResourceVersion in object meta: {current}");
            }

            var (result, gone) = committer.Delete(type, old, options.PropagationPolicy ?? "Background");
            collector.Sweep();
            if (!gone || type.ReturnsDeletedObject)
            {
                return (ResourceReader.Render(result, type, version), gone);
            }

            var details = ApiErrors.Details(type, name);
            details["uid"] = ObjectMeta.Uid(old);
            return (new JsonObject
            {
                ["kind"] = "Status",
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject(),
                ["status"] = "Success",
                ["details"] = details,
            }, true);
        }
    }

    public JsonObject DeleteCollection(ResourceType type, string version, string? ns, LabelSelector labels, FieldSelector fields, DeleteOptions options)
    {
        lock (committer.Store.Sync)
        {
            var targets = committer.Store.Scan(type.Key, ns).Where(o => labels.Matches(o) && fields.Matches(o)).ToList();
            var items = new JsonArray();
            foreach (var target in targets)
            {
                var (result, _) = committer.Delete(type, target, options.PropagationPolicy ?? "Background");
                items.Add(ResourceReader.Render(result, type, version));
            }

            collector.Sweep();
            return new JsonObject
            {
                ["kind"] = type.ListKind,
                ["apiVersion"] = type.ApiVersion(version),
                ["metadata"] = new JsonObject { ["resourceVersion"] = committer.Store.CurrentResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                ["items"] = items,
            };
        }
    }
}

/// <summary>The parts of <c>DeleteOptions</c> the server honours.</summary>
internal sealed record DeleteOptions(string? PropagationPolicy, string? Uid, string? ResourceVersion)
{
    public static DeleteOptions From(JsonObject? body, string? queryPolicy)
    {
        var policy = (string?)body?["propagationPolicy"] ?? queryPolicy;
        if (policy is null && body?["orphanDependents"] is JsonValue orphan && orphan.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)
        {
            policy = orphan.GetValueKind() == System.Text.Json.JsonValueKind.True ? "Orphan" : "Background";
        }

        if (policy is not (null or "Background" or "Foreground" or "Orphan"))
        {
            throw ApiErrors.InvalidOptions("DeleteOptions", "propagationPolicy", "FieldValueNotSupported",
                $"Unsupported value: \"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"");
        }

        var preconditions = body?["preconditions"];
        return new DeleteOptions(policy, (string?)preconditions?["uid"], (string?)preconditions?["resourceVersion"]);
    }
}
