using System.Net;
using System.Text.Json.Nodes;
using static K8sGossip.Kubernetes.TestServer.Tests.Objects;

namespace K8sGossip.Kubernetes.TestServer.Tests;

public sealed class GenerationAndStatusTests
{
    [Fact]
    public async Task Generation_starts_at_1_and_rises_only_when_the_spec_changes()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        RegisterOrganizations(server);
        using var api = new ApiClient(server);
        var created = await api.CreateAsync(Organizations, Organization("org1"));
        Assert.Equal(1, (long?)created["metadata"]!["generation"]);

        var (_, labelled) = await api.MergePatchAsync($"{Organizations}/org1", JsonNode.Parse("""{"metadata":{"labels":{"tier":"gold"}}}""")!);
        var (_, statusWritten) = await api.MergePatchAsync($"{Organizations}/org1/status", JsonNode.Parse("""{"status":{"readyPeers":3}}""")!);
        var (_, respecced) = await api.MergePatchAsync($"{Organizations}/org1", JsonNode.Parse("""{"spec":{"peers":5}}""")!);

        Assert.Equal(1, (long?)labelled["metadata"]!["generation"]);
        Assert.Equal(1, (long?)statusWritten["metadata"]!["generation"]);
        Assert.Equal(2, (long?)respecced["metadata"]!["generation"]);
    }

    [Fact]
    public async Task Writes_to_the_main_resource_ignore_status_changes()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        RegisterOrganizations(server);
        using var api = new ApiClient(server);
        var withStatus = Organization("org1");
        withStatus["status"] = new JsonObject { ["readyPeers"] = 9 };
        var created = await api.CreateAsync(Organizations, withStatus);
        Assert.Null(created["status"]);
        await api.MergePatchAsync($"{Organizations}/org1/status", JsonNode.Parse("""{"status":{"readyPeers":1}}""")!);

        var (_, current) = await api.GetAsync($"{Organizations}/org1");
        current["status"]!["readyPeers"] = 7;
        current["spec"]!["peers"] = 4;
        var (status, updated) = await api.PutAsync($"{Organizations}/org1", current);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, (int?)updated["status"]!["readyPeers"]);
        Assert.Equal(4, (int?)updated["spec"]!["peers"]);
    }

    [Fact]
    public async Task Writes_to_the_status_subresource_ignore_everything_but_status()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        RegisterOrganizations(server);
        using var api = new ApiClient(server);
        await api.CreateAsync(Organizations, Organization("org1"));

        var (_, current) = await api.GetAsync($"{Organizations}/org1");
        current["spec"]!["peers"] = 42;
        current["metadata"]!["labels"] = new JsonObject { ["sneaky"] = "yes" };
        current["status"] = new JsonObject { ["readyPeers"] = 2 };
        var (status, updated) = await api.PutAsync($"{Organizations}/org1/status", current);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, (int?)updated["status"]!["readyPeers"]);
        Assert.Equal(3, (int?)updated["spec"]!["peers"]);
        Assert.Null(updated["metadata"]!["labels"]);
    }

    [Fact]
    public async Task Status_writes_also_conflict_on_a_stale_resource_version()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        RegisterOrganizations(server);
        using var api = new ApiClient(server);
        var created = await api.CreateAsync(Organizations, Organization("org1"));
        await api.MergePatchAsync($"{Organizations}/org1", JsonNode.Parse("""{"spec":{"peers":4}}""")!);

        created["status"] = new JsonObject { ["readyPeers"] = 2 };
        var (status, body) = await api.PutAsync($"{Organizations}/org1/status", created);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("Conflict", (string?)body["reason"]);
    }

    [Fact]
    public async Task Kinds_without_a_status_subresource_have_no_status_endpoint()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        await api.CreateAsync(ConfigMaps, ConfigMap("c"));

        var (status, _) = await api.GetAsync($"{ConfigMaps}/c/status");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Certificate_signing_request_approval_changes_only_the_approval_conditions()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        const string csrs = "/apis/certificates.k8s.io/v1/certificatesigningrequests";
        await api.CreateAsync(csrs, JsonNode.Parse("""
            {"apiVersion":"certificates.k8s.io/v1","kind":"CertificateSigningRequest","metadata":{"name":"peer-0"},
             "spec":{"request":"cmVx","signerName":"k8sgossip.io/peer","usages":["digital signature"]}}
            """)!.AsObject());

        var (_, current) = await api.GetAsync($"{csrs}/peer-0");
        current["spec"]!["signerName"] = "other";
        current["status"] = JsonNode.Parse("""{"conditions":[{"type":"Approved","status":"True","reason":"OperatorApproved","message":"ok"}]}""");
        var (status, approved) = await api.PutAsync($"{csrs}/peer-0/approval", current);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Approved", (string?)approved["status"]!["conditions"]![0]!["type"]);
        Assert.Equal("k8sgossip.io/peer", (string?)approved["spec"]!["signerName"]);
        Assert.Null(approved["metadata"]!["namespace"]);
    }
}
