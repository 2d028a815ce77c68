using System.Net;
using System.Text.Json.Nodes;
using static K8sGossip.Kubernetes.TestServer.Tests.Objects;

namespace K8sGossip.Kubernetes.TestServer.Tests;

public sealed class DiscoveryAndAuthTests
{
    [Fact]
    public async Task Discovery_describes_the_built_in_resources()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);

        var (_, core) = await api.GetAsync("/api/v1");
        var (_, coordination) = await api.GetAsync("/apis/coordination.k8s.io/v1");
        var (_, groups) = await api.GetAsync("/apis");
        var (_, version) = await api.GetAsync("/version");

        var configMaps = core["resources"]!.AsArray().First(r => (string?)r!["name"] == "configmaps")!;
        Assert.Equal("ConfigMap", (string?)configMaps["kind"]);
        Assert.True((bool)configMaps["namespaced"]!);
        Assert.Contains("cm", configMaps["shortNames"]!.AsArray().Select(s => (string?)s));
        Assert.Contains("watch", configMaps["verbs"]!.AsArray().Select(s => (string?)s));
        Assert.Contains(core["resources"]!.AsArray(), r => (string?)r!["name"] == "pods/status");
        Assert.Contains(coordination["resources"]!.AsArray(), r => (string?)r!["name"] == "leases");
        Assert.Contains(groups["groups"]!.AsArray(), g => (string?)g!["name"] == "certificates.k8s.io");
        Assert.Equal("1", (string?)version["major"]);
    }

    [Fact]
    public async Task Creating_a_CRD_serves_its_resource()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        var (before, _) = await api.GetAsync(Organizations);

        var crd = await api.CreateAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", OrganizationCrd());
        var (_, resources) = await api.GetAsync("/apis/gossip.k8sgossip.io/v1alpha1");
        var created = await api.CreateAsync(Organizations, Organization("org1"));

        Assert.Equal(HttpStatusCode.NotFound, before);
        Assert.Contains(crd["status"]!["conditions"]!.AsArray(), c => (string?)c!["type"] == "Established" && (string?)c["status"] == "True");
        Assert.Contains(resources["resources"]!.AsArray(), r => (string?)r!["name"] == "organizations/status");
        Assert.Equal("Organization", (string?)created["kind"]);
    }

    [Fact]
    public async Task Deleting_a_CRD_removes_its_objects_and_stops_serving_it()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        await api.CreateAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", OrganizationCrd());
        await api.CreateAsync(Organizations, Organization("org1"));

        await api.DeleteAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/organizations.gossip.k8sgossip.io");
        var (status, _) = await api.GetAsync(Organizations);

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task A_required_bearer_token_is_enforced()
    {
        await using var server = await KubeApiTestServer.StartAsync(new KubeApiTestServerOptions { RequireBearerToken = true, Token = "s3cret" });
        using var anonymous = new HttpClient { BaseAddress = server.BaseAddress };
        using var withToken = server.CreateHttpClient();

        using var denied = await anonymous.GetAsync("/api/v1/namespaces");
        using var allowed = await withToken.GetAsync("/api/v1/namespaces");
        var body = JsonNode.Parse(await denied.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Equal("Unauthorized", (string?)body["reason"]);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task The_server_can_serve_TLS_with_a_certificate_the_kubeconfig_trusts()
    {
        await using var server = await KubeApiTestServer.StartAsync(new KubeApiTestServerOptions { UseTls = true });
        using var http = server.CreateHttpClient();

        using var response = await http.GetAsync("/version");

        Assert.Equal("https", server.BaseAddress.Scheme);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", server.CertificateAuthorityPem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_are_recorded_for_assertions()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);

        await api.ApplyAsync($"{Leases}/l", "operator", Lease("l"));

        var request = server.Requests[^1];
        Assert.Equal("PATCH", request.Method);
        Assert.Equal($"{Leases}/l?fieldManager=operator", request.PathAndQuery);
        Assert.Equal("application/apply-patch+yaml", request.ContentType);
        Assert.Equal(201, request.StatusCode);
    }
}
