using System.Net;
using System.Text.Json.Nodes;
using static K8sGossip.Kubernetes.TestServer.Tests.Objects;

namespace K8sGossip.Kubernetes.TestServer.Tests;

public sealed class FinalizerAndGarbageCollectionTests
{
    [Fact]
    public async Task Deleting_an_object_with_finalizers_sets_deletionTimestamp_and_keeps_it()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        var map = ConfigMap("f");
        map["metadata"]!["finalizers"] = new JsonArray("k8sgossip.io/cleanup");
        await api.CreateAsync(ConfigMaps, map);

        var (status, body) = await api.DeleteAsync($"{ConfigMaps}/f");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(body["metadata"]!["deletionTimestamp"]);
        var stored = server.Get("v1", "ConfigMap", "default", "f");
        Assert.NotNull(stored);
        Assert.NotNull(stored["metadata"]!["deletionTimestamp"]);
    }

    [Fact]
    public async Task Removing_the_last_finalizer_deletes_the_object()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        var map = ConfigMap("f");
        map["metadata"]!["finalizers"] = new JsonArray("k8sgossip.io/cleanup");
        await api.CreateAsync(ConfigMaps, map);
        await api.DeleteAsync($"{ConfigMaps}/f");

        var (status, _) = await api.MergePatchAsync($"{ConfigMaps}/f", JsonNode.Parse("""{"metadata":{"finalizers":null}}""")!);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(server.Get("v1", "ConfigMap", "default", "f"));
    }

    [Fact]
    public async Task Adding_a_finalizer_to_an_object_being_deleted_is_refused()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        var map = ConfigMap("f");
        map["metadata"]!["finalizers"] = new JsonArray("a");
        await api.CreateAsync(ConfigMaps, map);
        await api.DeleteAsync($"{ConfigMaps}/f");

        var (status, body) = await api.MergePatchAsync($"{ConfigMaps}/f", JsonNode.Parse("""{"metadata":{"finalizers":["a","b"]}}""")!);

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal("ConfigMap \"f\" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{\"b\"}",
            (string?)body["message"]);
    }

    [Fact]
    public async Task Delete_preconditions_that_do_not_match_get_409()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        var created = await api.CreateAsync(ConfigMaps, ConfigMap("p"));

        var (wrongUid, uidBody) = await api.DeleteAsync($"{ConfigMaps}/p", JsonNode.Parse("""{"preconditions":{"uid":"not-it"}}"""));
        var (wrongRv, _) = await api.DeleteAsync($"{ConfigMaps}/p", JsonNode.Parse("""{"preconditions":{"resourceVersion":"1"}}"""));
        var (right, deleted) = await api.DeleteAsync($"{ConfigMaps}/p",
            new JsonObject { ["preconditions"] = new JsonObject { ["uid"] = created["metadata"]!["uid"]!.DeepClone(), ["resourceVersion"] = ApiClient.Rv(created) } });

        Assert.Equal(HttpStatusCode.Conflict, wrongUid);
        Assert.StartsWith("Operation cannot be fulfilled on configmaps \"p\": Precondition failed: UID in precondition: not-it", (string?)uidBody["message"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, wrongRv);
        Assert.Equal(HttpStatusCode.OK, right);
        Assert.Equal("Success", (string?)deleted["status"]);
    }

    [Fact]
    public async Task Background_deletion_removes_dependents_and_marks_those_with_finalizers()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        RegisterOrganizations(server);
        var owner = await api.CreateAsync(Organizations, Organization("org1"));
        var plain = ConfigMap("plain");
        plain["metadata"]!["ownerReferences"] = new JsonArray(OwnerReference(owner));
        var guarded = ConfigMap("guarded");
        guarded["metadata"]!["ownerReferences"] = new JsonArray(OwnerReference(owner));
        guarded["metadata"]!["finalizers"] = new JsonArray("k8sgossip.io/keep");
        await api.CreateAsync(ConfigMaps, plain);
        await api.CreateAsync(ConfigMaps, guarded);

        var (status, deletedOwner) = await api.DeleteAsync($"{Organizations}/org1", JsonNode.Parse("""{"propagationPolicy":"Background"}"""));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Organization", (string?)deletedOwner["kind"]);
        Assert.Null(server.Get("gossip.k8sgossip.io/v1alpha1", "organizations", "default", "org1"));
        Assert.Null(server.Get("v1", "configmaps", "default", "plain"));
        Assert.NotNull(server.Get("v1", "configmaps", "default", "guarded")!["metadata"]!["deletionTimestamp"]);
    }

    [Fact]
    public async Task Foreground_deletion_keeps_the_owner_until_blocking_dependents_are_gone()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        RegisterOrganizations(server);
        var owner = await api.CreateAsync(Organizations, Organization("org1"));
        var dependent = ConfigMap("dep");
        dependent["metadata"]!["ownerReferences"] = new JsonArray(OwnerReference(owner, blockOwnerDeletion: true));
        dependent["metadata"]!["finalizers"] = new JsonArray("k8sgossip.io/keep");
        await api.CreateAsync(ConfigMaps, dependent);

        await api.DeleteAsync($"{Organizations}/org1", JsonNode.Parse("""{"propagationPolicy":"Foreground"}"""));
        var waitingOwner = server.Get("gossip.k8sgossip.io/v1alpha1", "Organization", "default", "org1");
        Assert.NotNull(waitingOwner);
        Assert.Contains("foregroundDeletion", waitingOwner["metadata"]!["finalizers"]!.AsArray().Select(f => (string?)f));
        Assert.NotNull(server.Get("v1", "ConfigMap", "default", "dep")!["metadata"]!["deletionTimestamp"]);

        await api.MergePatchAsync($"{ConfigMaps}/dep", JsonNode.Parse("""{"metadata":{"finalizers":null}}""")!);

        Assert.Null(server.Get("v1", "ConfigMap", "default", "dep"));
        Assert.Null(server.Get("gossip.k8sgossip.io/v1alpha1", "Organization", "default", "org1"));
    }

    [Fact]
    public async Task Orphan_deletion_keeps_dependents_and_drops_their_owner_reference()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        RegisterOrganizations(server);
        var owner = await api.CreateAsync(Organizations, Organization("org1"));
        var dependent = ConfigMap("dep");
        dependent["metadata"]!["ownerReferences"] = new JsonArray(OwnerReference(owner));
        await api.CreateAsync(ConfigMaps, dependent);

        await api.DeleteAsync($"{Organizations}/org1?propagationPolicy=Orphan");

        Assert.Null(server.Get("gossip.k8sgossip.io/v1alpha1", "Organization", "default", "org1"));
        var kept = server.Get("v1", "ConfigMap", "default", "dep");
        Assert.NotNull(kept);
        Assert.Null(kept["metadata"]!["ownerReferences"]);
    }

    [Fact]
    public async Task A_dependent_whose_owner_lives_in_another_namespace_is_collected()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        var owner = await api.CreateAsync(ConfigMaps, ConfigMap("owner"));
        var dependent = ConfigMap("dep");
        dependent["metadata"]!["ownerReferences"] = new JsonArray(OwnerReference(owner));

        await api.CreateAsync("/api/v1/namespaces/kube-public/configmaps", dependent);

        Assert.Null(server.Get("v1", "ConfigMap", "kube-public", "dep"));
        Assert.NotNull(server.Get("v1", "ConfigMap", "default", "owner"));
    }

    [Fact]
    public async Task Deleting_a_namespace_removes_its_content_and_then_the_namespace()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        await api.CreateAsync("/api/v1/namespaces", JsonNode.Parse("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"org1"}}""")!.AsObject());
        await api.CreateAsync("/api/v1/namespaces/org1/configmaps", ConfigMap("c"));

        var (status, body) = await api.DeleteAsync("/api/v1/namespaces/org1");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Terminating", (string?)body["status"]!["phase"]);
        Assert.Null(server.Get("v1", "ConfigMap", "org1", "c"));
        Assert.Null(server.Get("v1", "Namespace", null, "org1"));
    }
}
