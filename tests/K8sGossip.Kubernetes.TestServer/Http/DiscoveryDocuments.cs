using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.TestServer.Resources;

namespace K8sGossip.Kubernetes.TestServer.Http;

/// <summary>The legacy (unaggregated) discovery documents: /api, /api/v1, /apis, /apis/g, /apis/g/v, and /version.</summary>
internal static class DiscoveryDocuments
{
    private static readonly string[] ResourceVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "33",
        ["emulationMajor"] = "1",
        ["emulationMinor"] = "33",
        ["minCompatibilityMajor"] = "1",
        ["minCompatibilityMinor"] = "32",
        ["gitVersion"] = "v1.33.0",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.24.0",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject GroupList(ResourceRegistry registry) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. registry.Groups().Select(g => (JsonNode)GroupBody(registry, g))]),
    };

    public static JsonObject? Group(ResourceRegistry registry, string group)
    {
        if (!registry.Groups().Contains(group))
        {
            return null;
        }

        var body = GroupBody(registry, group);
        return new JsonObject { ["kind"] = "APIGroup", ["apiVersion"] = "v1", ["name"] = group, ["versions"] = body["versions"]!.DeepClone(), ["preferredVersion"] = body["preferredVersion"]!.DeepClone() };
    }

    /// <summary>The APIResourceList of one group/version, or null when nothing is served there.</summary>
    public static JsonObject? ResourceList(ResourceRegistry registry, string group, string version)
    {
        var types = registry.All().Where(t => t.Group == group && t.Versions.Contains(version)).OrderBy(t => t.Plural, StringComparer.Ordinal).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var t in types)
        {
            var main = new JsonObject
            {
                ["name"] = t.Plural,
                ["singularName"] = t.Singular,
                ["namespaced"] = t.Namespaced,
                ["kind"] = t.Kind,
                ["verbs"] = new JsonArray([.. ResourceVerbs.Select(v => (JsonNode)v)]),
            };
            if (t.ShortNames.Count > 0)
            {
                main["shortNames"] = new JsonArray([.. t.ShortNames.Select(s => (JsonNode)s)]);
            }

            if (t.IsCustom)
            {
                main["categories"] = new JsonArray("all");
            }

            resources.Add(main);
            foreach (var sub in t.Subresources)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = t.Plural + "/" + sub,
                    ["singularName"] = string.Empty,
                    ["namespaced"] = t.Namespaced,
                    ["kind"] = t.Kind,
                    ["verbs"] = sub == "finalize" ? new JsonArray("update") : new JsonArray("get", "patch", "update"),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : group + "/" + version,
            ["resources"] = resources,
        };
    }

    private static JsonObject GroupBody(ResourceRegistry registry, string group)
    {
        var versions = registry.All().Where(t => t.Group == group).SelectMany(t => t.Versions).Distinct().ToList();
        var preferred = registry.All().Where(t => t.Group == group).Select(t => t.Versions[0]).First();
        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)new JsonObject { ["groupVersion"] = group + "/" + v, ["version"] = v })]),
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = group + "/" + preferred, ["version"] = preferred },
        };
    }
}
