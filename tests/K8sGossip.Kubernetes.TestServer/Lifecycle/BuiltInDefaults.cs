using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.TestServer.Resources;

namespace K8sGossip.Kubernetes.TestServer.Lifecycle;

/// <summary>What the real control plane fills in on creation for the built-ins that need it.</summary>
internal static class BuiltInDefaults
{
    public static void OnCreate(ResourceType type, JsonObject obj, ObjectIdentity identity)
    {
        switch (type.Group, type.Plural)
        {
            case ("", "namespaces"):
                obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
                obj["status"] = new JsonObject { ["phase"] = "Active" };
                break;
            case ("", "services"):
                if (obj["spec"] is not JsonObject spec)
                {
                    spec = new JsonObject();
                    obj["spec"] = spec;
                }

                spec["type"] ??= "ClusterIP";
                if (spec["clusterIP"] is null && (string?)spec["type"] != "ExternalName")
                {
                    var address = identity.ServiceAddress();
                    spec["clusterIP"] = address;
                    spec["clusterIPs"] = new JsonArray(address);
                }

                spec["sessionAffinity"] ??= "None";
                obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
                break;
            case ("apiextensions.k8s.io", "customresourcedefinitions"):
                var names = obj["spec"]?["names"]?.DeepClone();
                var storage = (obj["spec"]?["versions"] as JsonArray ?? []).OfType<JsonObject>()
                    .Where(v => v["storage"]?.GetValueKind() == System.Text.Json.JsonValueKind.True).Select(v => (string?)v["name"]).FirstOrDefault();
                var now = (string?)obj["metadata"]?["creationTimestamp"];
                obj["status"] = new JsonObject
                {
                    ["acceptedNames"] = names,
                    ["conditions"] = new JsonArray(
                        Condition("NamesAccepted", "NoConflicts", "no conflicts found", now),
                        Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now)),
                    ["storedVersions"] = storage is null ? new JsonArray() : new JsonArray(storage),
                };
                break;
            case ("", "pods"):
                obj["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = "BestEffort" };
                break;
        }
    }

    private static JsonObject Condition(string type, string reason, string message, string? now) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = now,
        ["reason"] = reason,
        ["message"] = message,
    };
}
