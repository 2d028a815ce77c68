using System.Text.Json.Nodes;

namespace K8sGossip.Kubernetes.TestServer.Tests;

/// <summary>Paths and manifests the tests share.</summary>
internal static class Objects
{
    public const string Leases = "/apis/coordination.k8s.io/v1/namespaces/default/leases";
    public const string ConfigMaps = "/api/v1/namespaces/default/configmaps";
    public const string Organizations = "/apis/gossip.k8sgossip.io/v1alpha1/namespaces/default/organizations";

    public static JsonObject Lease(string name, string holder = "peer-0") => new()
    {
        ["apiVersion"] = "coordination.k8s.io/v1",
        ["kind"] = "Lease",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["holderIdentity"] = holder, ["leaseDurationSeconds"] = 15 },
    };

    public static JsonObject ConfigMap(string name, JsonObject? data = null, JsonObject? labels = null)
    {
        var meta = new JsonObject { ["name"] = name };
        if (labels is not null)
        {
            meta["labels"] = labels;
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = meta,
            ["data"] = data ?? new JsonObject { ["a"] = "1" },
        };
    }

    public static JsonObject Organization(string name, int peers = 3) => new()
    {
        ["apiVersion"] = "gossip.k8sgossip.io/v1alpha1",
        ["kind"] = "Organization",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["mspId"] = "Org1MSP", ["peers"] = peers },
    };

    public static void RegisterOrganizations(KubeApiTestServer server) =>
        server.RegisterCustomResource("gossip.k8sgossip.io", "v1alpha1", "organizations", "Organization", shortNames: ["org"]);

    public static JsonObject OrganizationCrd() => JsonNode.Parse("""
        {
          "apiVersion": "apiextensions.k8s.io/v1",
          "kind": "CustomResourceDefinition",
          "metadata": { "name": "organizations.gossip.k8sgossip.io" },
          "spec": {
            "group": "gossip.k8sgossip.io",
            "scope": "Namespaced",
            "names": { "plural": "organizations", "singular": "organization", "kind": "Organization", "listKind": "OrganizationList", "shortNames": ["org"] },
            "versions": [{
              "name": "v1alpha1", "served": true, "storage": true,
              "subresources": { "status": {} },
              "schema": { "openAPIV3Schema": { "type": "object", "x-kubernetes-preserve-unknown-fields": true } }
            }]
          }
        }
        """)!.AsObject();

    public static JsonObject OwnerReference(JsonObject owner, bool blockOwnerDeletion = false) => new()
    {
        ["apiVersion"] = owner["apiVersion"]!.DeepClone(),
        ["kind"] = owner["kind"]!.DeepClone(),
        ["name"] = owner["metadata"]!["name"]!.DeepClone(),
        ["uid"] = owner["metadata"]!["uid"]!.DeepClone(),
        ["controller"] = true,
        ["blockOwnerDeletion"] = blockOwnerDeletion,
    };
}
