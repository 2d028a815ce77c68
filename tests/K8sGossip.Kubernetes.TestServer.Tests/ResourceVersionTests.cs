using System.Net;
using System.Text.Json.Nodes;
using static K8sGossip.Kubernetes.TestServer.Tests.Objects;

namespace K8sGossip.Kubernetes.TestServer.Tests;

public sealed class ResourceVersionTests
{
    [Fact]
    public async Task Every_write_takes_a_higher_resource_version_across_all_resources()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);

        var lease = await api.CreateAsync(Leases, Lease("a"));
        var map = await api.CreateAsync(ConfigMaps, ConfigMap("b"));
        lease["spec"]!["holderIdentity"] = "peer-1";
        var (_, updated) = await api.PutAsync($"{Leases}/a", lease);
        var (_, patched) = await api.MergePatchAsync($"{ConfigMaps}/b", new JsonObject { ["data"] = new JsonObject { ["x"] = "y" } });
        var (_, list) = await api.GetAsync(ConfigMaps);

        var versions = new[] { ApiClient.RvNumber(lease), ApiClient.RvNumber(map), ApiClient.RvNumber(updated), ApiClient.RvNumber(patched) };
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Length, versions.Distinct().Count());
        Assert.Equal(server.CurrentResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), (string)list["metadata"]!["resourceVersion"]!);
    }

    [Fact]
    public async Task Update_with_a_stale_resource_version_gets_409_Conflict_with_the_real_Status_body()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        var created = await api.CreateAsync(Leases, Lease("x"));
        var first = (JsonObject)created.DeepClone();
        first["spec"]!["holderIdentity"] = "peer-1";
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsync($"{Leases}/x", first)).Status);

        var stale = (JsonObject)created.DeepClone();
        stale["spec"]!["holderIdentity"] = "peer-2";
        var (status, body) = await api.PutAsync($"{Leases}/x", stale);

        Assert.Equal(HttpStatusCode.Conflict, status);
        var expected = JsonNode.Parse("""
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"Operation cannot be fulfilled on leases.coordination.k8s.io \"x\": the object has been modified; please apply your changes to the latest version and try again",
             "reason":"Conflict","details":{"name":"x","group":"coordination.k8s.io","kind":"leases"},"code":409}
            """);
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
        Assert.Equal("peer-1", (string?)server.Get("coordination.k8s.io/v1", "Lease", "default", "x")!["spec"]!["holderIdentity"]);
    }

    [Fact]
    public async Task Concurrent_updates_from_the_same_resource_version_let_exactly_one_win()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        var created = await api.CreateAsync(Leases, Lease("contended"));

        var attempts = Enumerable.Range(0, 8).Select(i =>
        {
            var candidate = (JsonObject)created.DeepClone();
            candidate["spec"]!["holderIdentity"] = $"peer-{i + 1}";
            return api.PutAsync($"{Leases}/contended", candidate);
        });
        var results = await Task.WhenAll(attempts);

        Assert.True(results.Count(r => r.Status == HttpStatusCode.OK) == 1, string.Join("\n", results.Select(r => $"{r.Status} {r.Body.ToJsonString()}")));
        Assert.Equal(7, results.Count(r => r.Status == HttpStatusCode.Conflict));
        var winner = results.Single(r => r.Status == HttpStatusCode.OK).Body;
        Assert.Equal((string?)winner["spec"]!["holderIdentity"], (string?)server.Get("coordination.k8s.io/v1", "leases", "default", "contended")!["spec"]!["holderIdentity"]);
    }

    [Fact]
    public async Task Update_without_a_resource_version_is_unconditional()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        await api.CreateAsync(ConfigMaps, ConfigMap("c"));

        var (status, body) = await api.PutAsync($"{ConfigMaps}/c", ConfigMap("c", new JsonObject { ["a"] = "2" }));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2", (string?)body["data"]!["a"]);
    }

    [Fact]
    public async Task Lease_updates_must_carry_a_resource_version()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        await api.CreateAsync(Leases, Lease("l"));

        var (status, body) = await api.PutAsync($"{Leases}/l", Lease("l", "peer-1"));

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal("leases.coordination.k8s.io \"l\" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update", (string?)body["message"]);
    }

    [Fact]
    public async Task Put_creates_a_missing_lease_but_not_a_missing_config_map()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);

        var (leaseStatus, lease) = await api.PutAsync($"{Leases}/new", Lease("new"));
        var (mapStatus, _) = await api.PutAsync($"{ConfigMaps}/new", ConfigMap("new"));

        Assert.Equal(HttpStatusCode.Created, leaseStatus);
        Assert.NotNull(lease["metadata"]!["uid"]);
        Assert.Equal(HttpStatusCode.NotFound, mapStatus);
    }

    [Fact]
    public async Task Creating_an_existing_name_gets_409_AlreadyExists()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        await api.CreateAsync(ConfigMaps, ConfigMap("dup"));

        var (status, body) = await api.PostAsync(ConfigMaps, ConfigMap("dup"));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("AlreadyExists", (string?)body["reason"]);
        Assert.Equal("configmaps \"dup\" already exists", (string?)body["message"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"name":"dup","kind":"configmaps"}"""), body["details"]));
    }

    [Fact]
    public async Task Getting_a_missing_object_gets_404_NotFound_Status()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);

        var (status, body) = await api.GetAsync($"{Leases}/missing");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("NotFound", (string?)body["reason"]);
        Assert.Equal("leases.coordination.k8s.io \"missing\" not found", (string?)body["message"]);
        Assert.Equal(404, (int?)body["code"]);
    }

    [Fact]
    public async Task Creating_without_a_name_gets_422_Invalid_with_causes()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        var lease = Lease("ignored");
        ((JsonObject)lease["metadata"]!).Remove("name");

        var (status, body) = await api.PostAsync(Leases, lease);

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal("Invalid", (string?)body["reason"]);
        Assert.Equal("Lease.coordination.k8s.io \"\" is invalid: metadata.name: Required value: name or generateName is required", (string?)body["message"]);
        var cause = body["details"]!["causes"]![0]!;
        Assert.Equal("FieldValueRequired", (string?)cause["reason"]);
        Assert.Equal("metadata.name", (string?)cause["field"]);
    }

    [Fact]
    public async Task Generate_name_appends_a_five_character_suffix()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        var map = ConfigMap("ignored");
        ((JsonObject)map["metadata"]!).Remove("name");
        map["metadata"]!["generateName"] = "peer-";

        var created = await api.CreateAsync(ConfigMaps, map);

        var name = (string)created["metadata"]!["name"]!;
        Assert.StartsWith("peer-", name, StringComparison.Ordinal);
        Assert.Equal("peer-".Length + 5, name.Length);
        Assert.NotNull(created["metadata"]!["uid"]);
        Assert.NotNull(created["metadata"]!["creationTimestamp"]);
    }

    [Fact]
    public async Task Creating_in_a_missing_namespace_gets_404()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);

        var (status, body) = await api.PostAsync("/api/v1/namespaces/nowhere/configmaps", ConfigMap("a"));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("namespaces \"nowhere\" not found", (string?)body["message"]);
    }

    [Fact]
    public async Task Timestamps_come_from_the_injected_clock()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        await using var server = await KubeApiTestServer.StartAsync(new KubeApiTestServerOptions { TimeProvider = clock });
        using var api = new ApiClient(server);

        var created = await api.CreateAsync(ConfigMaps, ConfigMap("t"));

        Assert.Equal("2030-01-02T03:04:05Z", (string?)created["metadata"]!["creationTimestamp"]);
        Assert.Equal("2030-01-02T03:04:05Z", (string?)created["metadata"]!["managedFields"]![0]!["time"]);
    }
}
