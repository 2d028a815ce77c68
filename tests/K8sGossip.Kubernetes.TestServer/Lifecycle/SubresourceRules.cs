using System.Text.Json.Nodes;

namespace K8sGossip.Kubernetes.TestServer.Lifecycle;

/// <summary>What each subresource may change: /status only status, CSR /approval only the conditions.</summary>
internal static class SubresourceRules
{
    public static JsonObject Restrict(WriteRequest request, JsonObject config)
    {
        if (request.Subresource.Length == 0)
        {
            if (request.Type.HasStatus)
            {
                config.Remove("status");
            }

            return config;
        }

        var identity = new JsonObject { ["name"] = config["metadata"]?["name"]?.DeepClone() };
        if (config["metadata"]?["namespace"] is { } ns)
        {
            identity["namespace"] = ns.DeepClone();
        }

        var restricted = new JsonObject
        {
            ["apiVersion"] = config["apiVersion"]?.DeepClone(),
            ["kind"] = config["kind"]?.DeepClone(),
            ["metadata"] = identity,
        };
        if (config["status"] is { } status)
        {
            restricted["status"] = status.DeepClone();
        }

        return restricted;
    }

    public static JsonObject WithStatusFrom(JsonObject old, JsonObject candidate, bool keepApprovals)
    {
        var next = (JsonObject)old.DeepClone();
        next.Remove("status");
        if (candidate["status"] is JsonObject status)
        {
            var copy = (JsonObject)status.DeepClone();
            if (keepApprovals)
            {
                var approvals = Conditions(old).Where(IsApproval).Select(c => c.DeepClone());
                copy["conditions"] = new JsonArray([.. approvals, .. Conditions(candidate).Where(c => !IsApproval(c)).Select(c => c.DeepClone())]);
            }

            next["status"] = copy;
        }

        ObjectMeta.Meta(next)["resourceVersion"] = candidate["metadata"]?["resourceVersion"]?.DeepClone();
        return next;
    }

    public static JsonObject WithApprovalFrom(JsonObject old, JsonObject candidate)
    {
        var next = (JsonObject)old.DeepClone();
        if (next["status"] is not JsonObject status)
        {
            status = new JsonObject();
            next["status"] = status;
        }

        status["conditions"] = new JsonArray([.. Conditions(candidate).Select(c => c.DeepClone())]);
        ObjectMeta.Meta(next)["resourceVersion"] = candidate["metadata"]?["resourceVersion"]?.DeepClone();
        return next;
    }

    private static IEnumerable<JsonObject> Conditions(JsonObject obj) => (obj["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>();

    private static bool IsApproval(JsonObject condition) => (string?)condition["type"] is "Approved" or "Denied";
}
