using System.Net;
using System.Text.Json.Nodes;
using static K8sGossip.Kubernetes.TestServer.Tests.Objects;

namespace K8sGossip.Kubernetes.TestServer.Tests;

public sealed class ListTests
{
    [Theory]
    [InlineData("app=gossip", "a,b,c")]
    [InlineData("app==gossip,tier=gold", "a")]
    [InlineData("tier!=gold", "b,c,d")]
    [InlineData("tier in (gold,silver)", "a,b")]
    [InlineData("tier notin (gold)", "b,c,d")]
    [InlineData("tier", "a,b")]
    [InlineData("!tier", "c,d")]
    public async Task Label_selectors_filter_lists(string selector, string expected)
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        await api.CreateAsync(ConfigMaps, ConfigMap("a", labels: new JsonObject { ["app"] = "gossip", ["tier"] = "gold" }));
        await api.CreateAsync(ConfigMaps, ConfigMap("b", labels: new JsonObject { ["app"] = "gossip", ["tier"] = "silver" }));
        await api.CreateAsync(ConfigMaps, ConfigMap("c", labels: new JsonObject { ["app"] = "gossip" }));
        await api.CreateAsync(ConfigMaps, ConfigMap("d"));

        var (status, list) = await api.GetAsync($"{ConfigMaps}?labelSelector={Uri.EscapeDataString(selector)}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, string.Join(',', Names(list)));
    }

    [Fact]
    public async Task Field_selectors_select_by_name_and_namespace()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        await api.CreateAsync(ConfigMaps, ConfigMap("a"));
        await api.CreateAsync(ConfigMaps, ConfigMap("b"));
        await api.CreateAsync("/api/v1/namespaces/kube-system/configmaps", ConfigMap("a"));

        var (_, byName) = await api.GetAsync("/api/v1/configmaps?fieldSelector=metadata.name%3Da");
        var (_, byNamespace) = await api.GetAsync("/api/v1/configmaps?fieldSelector=metadata.namespace%3Ddefault,metadata.name!%3Da");
        var (badStatus, bad) = await api.GetAsync("/api/v1/configmaps?fieldSelector=spec.nope%3D1");

        Assert.Equal(["a", "a"], Names(byName));
        Assert.Equal(["b"], Names(byNamespace));
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Equal("BadRequest", (string?)bad["reason"]);
    }

    [Fact]
    public async Task Paging_with_limit_and_continue_returns_one_consistent_snapshot()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            await api.CreateAsync(ConfigMaps, ConfigMap(name));
        }

        var (_, first) = await api.GetAsync($"{ConfigMaps}?limit=2");
        await api.DeleteAsync($"{ConfigMaps}/d");
        await api.CreateAsync(ConfigMaps, ConfigMap("bb"));
        var token = Uri.EscapeDataString((string)first["metadata"]!["continue"]!);
        var (_, second) = await api.GetAsync($"{ConfigMaps}?limit=2&continue={token}");
        var (_, third) = await api.GetAsync($"{ConfigMaps}?limit=2&continue={Uri.EscapeDataString((string)second["metadata"]!["continue"]!)}");

        Assert.Equal(["a", "b"], Names(first));
        Assert.Equal(3, (int?)first["metadata"]!["remainingItemCount"]);
        Assert.Equal(["c", "d"], Names(second));
        Assert.Equal(["e"], Names(third));
        Assert.Null(third["metadata"]!["continue"]);
        Assert.Equal((string?)first["metadata"]!["resourceVersion"], (string?)third["metadata"]!["resourceVersion"]);
    }

    [Fact]
    public async Task A_continue_token_older_than_the_retained_window_gets_410_Gone()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        foreach (var name in new[] { "a", "b", "c" })
        {
            await api.CreateAsync(ConfigMaps, ConfigMap(name));
        }

        var (_, first) = await api.GetAsync($"{ConfigMaps}?limit=1");
        await api.CreateAsync(ConfigMaps, ConfigMap("later"));
        server.Faults.Compact();
        var (status, body) = await api.GetAsync($"{ConfigMaps}?limit=1&continue={Uri.EscapeDataString((string)first["metadata"]!["continue"]!)}");

        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Equal("Expired", (string?)body["reason"]);
        Assert.Equal(410, (int?)body["code"]);
    }

    [Fact]
    public async Task A_list_at_an_exact_resource_version_shows_the_state_at_that_version()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        var first = await api.CreateAsync(ConfigMaps, ConfigMap("a"));
        await api.CreateAsync(ConfigMaps, ConfigMap("b"));
        await api.DeleteAsync($"{ConfigMaps}/a");

        var (_, then) = await api.GetAsync($"{ConfigMaps}?resourceVersion={ApiClient.Rv(first)}&resourceVersionMatch=Exact");

        Assert.Equal(["a"], Names(then));
        Assert.Equal(ApiClient.Rv(first), (string?)then["metadata"]!["resourceVersion"]);
    }

    [Fact]
    public async Task Delete_collection_removes_only_the_selected_objects()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        await api.CreateAsync(ConfigMaps, ConfigMap("a", labels: new JsonObject { ["app"] = "gossip" }));
        await api.CreateAsync(ConfigMaps, ConfigMap("b", labels: new JsonObject { ["app"] = "gossip" }));
        await api.CreateAsync(ConfigMaps, ConfigMap("keep"));

        var (status, _) = await api.DeleteAsync($"{ConfigMaps}?labelSelector=app%3Dgossip");
        var (_, remaining) = await api.GetAsync(ConfigMaps);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["keep"], Names(remaining));
    }

    [Fact]
    public async Task Built_in_list_items_omit_kind_while_custom_resource_items_keep_it()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        RegisterOrganizations(server);
        using var api = new ApiClient(server);
        await api.CreateAsync(ConfigMaps, ConfigMap("a"));
        await api.CreateAsync(Organizations, Organization("o"));

        var (_, maps) = await api.GetAsync(ConfigMaps);
        var (_, orgs) = await api.GetAsync(Organizations);

        Assert.Equal("ConfigMapList", (string?)maps["kind"]);
        Assert.Null(maps["items"]![0]!["kind"]);
        Assert.Equal("OrganizationList", (string?)orgs["kind"]);
        Assert.Equal("Organization", (string?)orgs["items"]![0]!["kind"]);
    }

    private static List<string> Names(JsonObject list) =>
        [.. list["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!)];
}
