using System.Net;
using System.Text.Json.Nodes;
using static K8sGossip.Kubernetes.TestServer.Tests.Objects;

namespace K8sGossip.Kubernetes.TestServer.Tests;

public sealed class PatchTests
{
    [Fact]
    public async Task Merge_patch_null_removes_a_key_and_objects_merge()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        await api.CreateAsync(ConfigMaps, ConfigMap("m", new JsonObject { ["a"] = "1", ["b"] = "2" }));

        var (status, patched) = await api.MergePatchAsync($"{ConfigMaps}/m", JsonNode.Parse("""{"data":{"a":null,"c":"3"}}""")!);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"b":"2","c":"3"}"""), patched["data"]), patched["data"]!.ToJsonString());
    }

    [Fact]
    public async Task A_patch_carrying_a_stale_resource_version_conflicts()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        var created = await api.CreateAsync(Leases, Lease("l"));
        await api.MergePatchAsync($"{Leases}/l", JsonNode.Parse("""{"spec":{"holderIdentity":"peer-1"}}""")!);

        var (status, _) = await api.MergePatchAsync($"{Leases}/l",
            new JsonObject { ["metadata"] = new JsonObject { ["resourceVersion"] = ApiClient.Rv(created) }, ["spec"] = new JsonObject { ["holderIdentity"] = "peer-2" } });

        Assert.Equal(HttpStatusCode.Conflict, status);
    }

    [Fact]
    public async Task Json_patch_applies_operations_in_order()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        await api.CreateAsync(ConfigMaps, ConfigMap("j", new JsonObject { ["a"] = "1" }));
        var operations = JsonNode.Parse("""
            [{"op":"test","path":"/data/a","value":"1"},
             {"op":"add","path":"/data/b","value":"2"},
             {"op":"move","from":"/data/a","path":"/data/c"}]
            """)!;

        var (status, patched) = await api.SendAsync(HttpMethod.Patch, $"{ConfigMaps}/j", operations, "application/json-patch+json");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"b":"2","c":"1"}"""), patched["data"]), patched["data"]!.ToJsonString());
    }

    [Fact]
    public async Task Updates_without_a_field_manager_are_recorded_under_the_user_agent_name()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        api.Http.DefaultRequestHeaders.UserAgent.ParseAdd("k8sgossip-operator/1.0");
        await api.CreateAsync(ConfigMaps, ConfigMap("u"));

        var (_, patched) = await api.MergePatchAsync($"{ConfigMaps}/u", JsonNode.Parse("""{"data":{"b":"2"}}""")!);

        var entry = patched["metadata"]!["managedFields"]![0]!;
        Assert.Equal("k8sgossip-operator", (string?)entry["manager"]);
        Assert.Equal("Update", (string?)entry["operation"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"f:data":{".":{},"f:a":{},"f:b":{}}}"""), entry["fieldsV1"]), entry["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public async Task A_patch_that_changes_nothing_does_not_write()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        var created = await api.CreateAsync(ConfigMaps, ConfigMap("n", new JsonObject { ["a"] = "1" }));

        var (_, patched) = await api.MergePatchAsync($"{ConfigMaps}/n", JsonNode.Parse("""{"data":{"a":"1"}}""")!);

        Assert.Equal(ApiClient.Rv(created), ApiClient.Rv(patched));
    }

    [Fact]
    public async Task An_unknown_patch_type_gets_415()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        await api.CreateAsync(ConfigMaps, ConfigMap("x"));

        var (status, body) = await api.SendAsync(HttpMethod.Patch, $"{ConfigMaps}/x", new JsonObject(), "application/x-unknown");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("UnsupportedMediaType", (string?)body["reason"]);
    }
}
