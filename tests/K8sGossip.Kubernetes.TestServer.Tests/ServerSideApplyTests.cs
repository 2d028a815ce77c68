using System.Net;
using System.Text.Json.Nodes;
using static K8sGossip.Kubernetes.TestServer.Tests.Objects;

namespace K8sGossip.Kubernetes.TestServer.Tests;

public sealed class ServerSideApplyTests
{
    [Fact]
    public async Task Apply_creates_a_missing_object_and_records_the_manager()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);

        var (status, created) = await api.ApplyAsync($"{ConfigMaps}/cfg", "operator", ConfigMap("cfg", new JsonObject { ["a"] = "1" }));

        Assert.Equal(HttpStatusCode.Created, status);
        var entry = created["metadata"]!["managedFields"]![0]!;
        Assert.Equal("operator", (string?)entry["manager"]);
        Assert.Equal("Apply", (string?)entry["operation"]);
        Assert.Equal("FieldsV1", (string?)entry["fieldsType"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"f:data":{"f:a":{}}}"""), entry["fieldsV1"]), entry["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public async Task Applying_the_same_configuration_twice_does_not_write()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        var (_, first) = await api.ApplyAsync($"{Leases}/l", "operator", Lease("l"));
        var versionAfterFirst = server.CurrentResourceVersion;

        var (status, second) = await api.ApplyAsync($"{Leases}/l", "operator", Lease("l"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(ApiClient.Rv(first), ApiClient.Rv(second));
        Assert.Equal(versionAfterFirst, server.CurrentResourceVersion);
    }

    [Fact]
    public async Task A_field_dropped_from_the_configuration_is_removed()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        await api.ApplyAsync($"{ConfigMaps}/cfg", "operator", ConfigMap("cfg", new JsonObject { ["a"] = "1", ["b"] = "2" }));

        var (_, applied) = await api.ApplyAsync($"{ConfigMaps}/cfg", "operator", ConfigMap("cfg", new JsonObject { ["a"] = "1" }));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":"1"}"""), applied["data"]), applied["data"]!.ToJsonString());
    }

    [Fact]
    public async Task A_dropped_field_that_another_manager_also_owns_is_kept()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        await api.ApplyAsync($"{ConfigMaps}/cfg", "operator", ConfigMap("cfg", new JsonObject { ["a"] = "1", ["b"] = "2" }));
        await api.ApplyAsync($"{ConfigMaps}/cfg", "admin", ConfigMap("cfg", new JsonObject { ["b"] = "2" }));

        var (_, applied) = await api.ApplyAsync($"{ConfigMaps}/cfg", "operator", ConfigMap("cfg", new JsonObject { ["a"] = "1" }));

        Assert.Equal("2", (string?)applied["data"]!["b"]);
    }

    [Fact]
    public async Task Two_managers_conflict_on_a_field_unless_the_second_forces()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        await api.ApplyAsync($"{Leases}/l", "peer-0", Lease("l", "peer-0"));

        var (conflictStatus, conflict) = await api.ApplyAsync($"{Leases}/l", "peer-1", Lease("l", "peer-1"));
        var (forcedStatus, forced) = await api.ApplyAsync($"{Leases}/l", "peer-1", Lease("l", "peer-1"), force: true);

        Assert.Equal(HttpStatusCode.Conflict, conflictStatus);
        Assert.Equal("Conflict", (string?)conflict["reason"]);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"peer-0\": .spec.holderIdentity", (string?)conflict["message"]);
        var cause = conflict["details"]!["causes"]![0]!;
        Assert.Equal("FieldManagerConflict", (string?)cause["reason"]);
        Assert.Equal(".spec.holderIdentity", (string?)cause["field"]);
        Assert.Equal(HttpStatusCode.OK, forcedStatus);
        Assert.Equal("peer-1", (string?)forced["spec"]!["holderIdentity"]);
        var owners = forced["metadata"]!["managedFields"]!.AsArray()
            .Where(e => e!["fieldsV1"]!["f:spec"]?["f:holderIdentity"] is not null).Select(e => (string?)e!["manager"]);
        Assert.Equal(["peer-1"], owners);
    }

    [Fact]
    public async Task Conflicts_with_several_fields_list_them_by_manager()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        await api.ApplyAsync($"{ConfigMaps}/cfg", "one", ConfigMap("cfg", new JsonObject { ["a"] = "1", ["b"] = "1" }));

        var (_, conflict) = await api.ApplyAsync($"{ConfigMaps}/cfg", "two", ConfigMap("cfg", new JsonObject { ["a"] = "2", ["b"] = "2" }));

        Assert.Equal("Apply failed with 2 conflicts: conflicts with \"one\":\n- .data.a\n- .data.b", (string?)conflict["message"]);
    }

    [Fact]
    public async Task Shared_values_do_not_conflict()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        await api.ApplyAsync($"{ConfigMaps}/cfg", "one", ConfigMap("cfg", new JsonObject { ["a"] = "1" }));

        var (status, _) = await api.ApplyAsync($"{ConfigMaps}/cfg", "two", ConfigMap("cfg", new JsonObject { ["a"] = "1", ["z"] = "9" }));

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task An_update_by_another_client_makes_a_later_apply_conflict()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        await api.ApplyAsync($"{ConfigMaps}/cfg", "operator", ConfigMap("cfg", new JsonObject { ["a"] = "1" }));
        await api.MergePatchAsync($"{ConfigMaps}/cfg?fieldManager=kubectl-edit", JsonNode.Parse("""{"data":{"a":"hand-edited"}}""")!);

        var (status, conflict) = await api.ApplyAsync($"{ConfigMaps}/cfg", "operator", ConfigMap("cfg", new JsonObject { ["a"] = "2" }));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl-edit\" using v1: .data.a", (string?)conflict["message"]);
    }

    [Fact]
    public async Task Keyed_list_items_are_owned_per_item()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        const string sets = "/apis/apps/v1/namespaces/default/statefulsets";
        static JsonObject Set(params (string Name, string Image)[] containers) => new()
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "StatefulSet",
            ["metadata"] = new JsonObject { ["name"] = "peers" },
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["containers"] = new JsonArray([.. containers.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["image"] = c.Image })]),
                    },
                },
            },
        };
        await api.ApplyAsync($"{sets}/peers", "operator", Set(("peer", "fabric-peer:2.5")));
        await api.ApplyAsync($"{sets}/peers", "injector", Set(("gossip", "k8sgossip:1")));

        var (_, afterOperatorUpgrade) = await api.ApplyAsync($"{sets}/peers", "operator", Set(("peer", "fabric-peer:2.6")));

        var containers = afterOperatorUpgrade["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(["peer=fabric-peer:2.6", "gossip=k8sgossip:1"], containers.Select(c => $"{c!["name"]}={c["image"]}"));
        var operatorFields = afterOperatorUpgrade["metadata"]!["managedFields"]!.AsArray().First(e => (string?)e!["manager"] == "operator")!["fieldsV1"]!;
        Assert.NotNull(operatorFields["f:spec"]!["f:template"]!["f:spec"]!["f:containers"]!["k:{\"name\":\"peer\"}"]);
        Assert.Equal(3, (long?)afterOperatorUpgrade["metadata"]!["generation"]);
    }

    [Fact]
    public async Task Custom_resource_lists_follow_the_list_type_declared_in_the_CRD_schema()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        var crd = OrganizationCrd();
        crd["spec"]!["versions"]![0]!["schema"] = JsonNode.Parse("""
            {"openAPIV3Schema":{"type":"object","properties":{"spec":{"type":"object","properties":{
              "anchors":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["host"],
                         "items":{"type":"object","properties":{"host":{"type":"string"},"port":{"type":"integer"}}}},
              "channels":{"type":"array","items":{"type":"string"}}}}}}}
            """);
        await api.CreateAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd);
        static JsonObject Org(string anchorHost, string channel) => new()
        {
            ["apiVersion"] = "gossip.k8sgossip.io/v1alpha1",
            ["kind"] = "Organization",
            ["metadata"] = new JsonObject { ["name"] = "org1" },
            ["spec"] = new JsonObject
            {
                ["anchors"] = new JsonArray(new JsonObject { ["host"] = anchorHost, ["port"] = 7051 }),
                ["channels"] = new JsonArray(channel),
            },
        };
        await api.ApplyAsync($"{Organizations}/org1", "operator", Org("peer0.org1", "mychannel"));

        var (status, body) = await api.ApplyAsync($"{Organizations}/org1", "admin", Org("peer1.org1", "other"));
        var (forcedStatus, forced) = await api.ApplyAsync($"{Organizations}/org1", "admin", Org("peer1.org1", "other"), force: true);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"operator\": .spec.channels", (string?)body["message"]);
        Assert.Equal(HttpStatusCode.OK, forcedStatus);
        Assert.Equal(["peer0.org1", "peer1.org1"], forced["spec"]!["anchors"]!.AsArray().Select(a => (string?)a!["host"]));
        Assert.Equal(["other"], forced["spec"]!["channels"]!.AsArray().Select(c => (string?)c));
    }

    [Fact]
    public async Task Create_records_map_members_like_the_real_field_manager()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        var lease = Lease("l");
        lease["metadata"]!["labels"] = new JsonObject { ["app"] = "gossip" };

        var created = await api.CreateAsync($"{Leases}?fieldManager=kubectl-create", lease);

        var entry = created["metadata"]!["managedFields"]![0]!;
        Assert.Equal("kubectl-create", (string?)entry["manager"]);
        var expected = JsonNode.Parse("""
            {"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:holderIdentity":{},"f:leaseDurationSeconds":{}}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, entry["fieldsV1"]), entry["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public async Task Apply_accepts_a_YAML_body()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        const string yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: from-yaml
            data:
              peers: "3"
              bootstrap: peer-0.org1:7051
            """;

        var (status, created) = await api.SendTextAsync(HttpMethod.Patch, $"{ConfigMaps}/from-yaml?fieldManager=operator", yaml, "application/apply-patch+yaml");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("3", (string?)created["data"]!["peers"]);
        Assert.Equal("peer-0.org1:7051", (string?)created["data"]!["bootstrap"]);
    }

    [Fact]
    public async Task Apply_without_a_field_manager_is_refused()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);

        var (status, body) = await api.SendAsync(HttpMethod.Patch, $"{ConfigMaps}/cfg", ConfigMap("cfg"), "application/apply-patch+yaml");

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch", (string?)body["message"]);
    }

    [Fact]
    public async Task Apply_to_the_main_resource_ignores_status_and_apply_to_status_ignores_the_rest()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        RegisterOrganizations(server);
        using var api = new ApiClient(server);
        var desired = Organization("org1");
        desired["status"] = new JsonObject { ["readyPeers"] = 99 };
        var (_, created) = await api.ApplyAsync($"{Organizations}/org1", "operator", desired);

        var statusOnly = Organization("org1", peers: 42);
        statusOnly["status"] = new JsonObject { ["readyPeers"] = 3 };
        var (status, withStatus) = await api.ApplyAsync($"{Organizations}/org1/status", "operator", statusOnly);

        Assert.Null(created["status"]);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, (int?)withStatus["status"]!["readyPeers"]);
        Assert.Equal(3, (int?)withStatus["spec"]!["peers"]);
        Assert.Contains(withStatus["metadata"]!["managedFields"]!.AsArray(), e => (string?)e!["subresource"] == "status");
    }
}
