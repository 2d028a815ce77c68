using System.Net;
using System.Text.Json.Nodes;
using static K8sGossip.Kubernetes.TestServer.Tests.Objects;

namespace K8sGossip.Kubernetes.TestServer.Tests;

public sealed class ValidationTests
{
    [Fact]
    public async Task Service_names_must_be_DNS_1035_labels()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        static JsonObject Service(string name) => new()
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject { ["ports"] = new JsonArray(new JsonObject { ["port"] = 7051 }) },
        };

        var (badStatus, bad) = await api.PostAsync("/api/v1/namespaces/default/services", Service("1org.peers"));
        var (goodStatus, good) = await api.PostAsync("/api/v1/namespaces/default/services", Service("org1-peers"));

        Assert.Equal((HttpStatusCode)422, badStatus);
        Assert.StartsWith("Service \"1org.peers\" is invalid: metadata.name: Invalid value: \"1org.peers\": a DNS-1035 label", (string?)bad["message"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, goodStatus);
        Assert.NotNull(good["spec"]!["clusterIP"]);
    }

    [Fact]
    public async Task Rbac_names_may_contain_colons()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        var role = JsonNode.Parse("""
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"k8sgossip:operator"},
             "rules":[{"apiGroups":["coordination.k8s.io"],"resources":["leases"],"verbs":["get","update"]}]}
            """)!.AsObject();

        var (status, _) = await api.PostAsync("/apis/rbac.authorization.k8s.io/v1/clusterroles", role);

        Assert.Equal(HttpStatusCode.Created, status);
    }

    [Fact]
    public async Task The_uid_of_an_object_is_immutable()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        var created = await api.CreateAsync(ConfigMaps, ConfigMap("u"));
        created["metadata"]!["uid"] = "00000000-0000-0000-0000-000000000000";

        var (status, body) = await api.PutAsync($"{ConfigMaps}/u", created);

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal("ConfigMap \"u\" is invalid: metadata.uid: Invalid value: \"00000000-0000-0000-0000-000000000000\": field is immutable", (string?)body["message"]);
    }

    [Fact]
    public async Task Creating_with_a_resource_version_fails_as_the_real_storage_does()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        var map = ConfigMap("r");
        map["metadata"]!["resourceVersion"] = "12";

        var (status, body) = await api.PostAsync(ConfigMaps, map);

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("resourceVersion should not be set on objects to be created", (string?)body["message"]);
        Assert.Null(body["reason"]);
    }

    [Fact]
    public async Task Malformed_bodies_get_400_and_are_counted()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var http = server.CreateHttpClient();
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");

        using var response = await http.PostAsync(ConfigMaps, content);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadRequest", (string?)body["reason"]);
        Assert.Equal(1, server.FailedRequestCount);
    }
}
