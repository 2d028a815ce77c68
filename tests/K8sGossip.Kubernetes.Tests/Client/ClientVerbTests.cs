using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.Client;
using K8sGossip.Kubernetes.Errors;
using K8sGossip.Kubernetes.Models;
using K8sGossip.Kubernetes.TestServer;
using K8sGossip.Kubernetes.Tests.Infrastructure;

namespace K8sGossip.Kubernetes.Tests.Client;

public sealed class ClientVerbTests : IAsyncLifetime
{
    private KubeApiTestServer _server = null!;
    private KubeApiClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await KubeApiTestServer.StartAsync();
        _server.RegisterCustomResource("test.k8sgossip.io", "v1", "widgets", "Widget");
        _client = TestApi.Client(_server);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Create_then_get_returns_the_stored_object_with_server_fields()
    {
        var created = await _client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap("a", new() { ["x"] = "1" }));
        var read = await _client.GetAsync(KubeResources.ConfigMaps, "a", "default");

        Assert.Equal("v1", created.ApiVersion);
        Assert.Equal("ConfigMap", created.Kind);
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.Equal(created.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
        Assert.Equal("1", read.Data!["x"]);
        Assert.NotNull(read.Metadata.CreationTimestamp);
        Assert.Null(await _client.TryGetAsync(KubeResources.ConfigMaps, "missing"));
    }

    [Fact]
    public async Task List_filters_by_label_and_field_selectors()
    {
        await _client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap("p1", labels: new() { ["app"] = "peer" }));
        await _client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap("p2", labels: new() { ["app"] = "peer" }));
        await _client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap("o1", labels: new() { ["app"] = "orderer" }));

        var peers = await _client.ListAsync(KubeResources.ConfigMaps, "default", new ListOptions { LabelSelector = "app=peer" });
        var byName = await _client.ListAsync(KubeResources.ConfigMaps, "default", new ListOptions { FieldSelector = "metadata.name=o1" });

        Assert.Equal(["p1", "p2"], peers.Items.Select(i => i.Metadata.Name!).Order());
        Assert.Equal("o1", Assert.Single(byName.Items).Metadata.Name);
    }

    [Fact]
    public async Task List_pages_with_limit_and_continue_and_list_all_collects_every_page()
    {
        for (var i = 0; i < 7; i++)
        {
            await _client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap($"m{i}", ns: "kube-public"));
        }

        var first = await _client.ListAsync(KubeResources.ConfigMaps, "kube-public", new ListOptions { Limit = 3 });
        Assert.Equal(3, first.Items.Count);
        Assert.False(string.IsNullOrEmpty(first.Metadata.Continue));
        var second = await _client.ListAsync(KubeResources.ConfigMaps, "kube-public", new ListOptions { Limit = 3, Continue = first.Metadata.Continue });
        Assert.Equal(3, second.Items.Count);
        Assert.Empty(first.Items.Select(i => i.Metadata.Name).Intersect(second.Items.Select(i => i.Metadata.Name)));

        var all = await _client.ListAllAsync(KubeResources.ConfigMaps, "kube-public", new ListOptions { Limit = 2 });
        Assert.Equal(7, all.Items.Count);
        Assert.False(string.IsNullOrEmpty(all.ResourceVersion));
        Assert.Contains(_server.Requests, r => r.PathAndQuery.Contains("continue=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replace_with_a_stale_resource_version_conflicts()
    {
        var created = await _client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap("r"));
        var updated = await _client.ReplaceAsync(KubeResources.ConfigMaps, created with { Data = new() { ["k"] = "v2" } });

        Assert.NotEqual(created.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);
        var error = await Assert.ThrowsAsync<KubeConflictException>(() => _client.ReplaceAsync(KubeResources.ConfigMaps, created with { Data = new() { ["k"] = "v3" } }));
        Assert.Contains("configmaps 'default/r'", error.Message, StringComparison.Ordinal);
        Assert.Equal("v2", (await _client.GetAsync(KubeResources.ConfigMaps, "r")).Data!["k"]);
    }

    [Fact]
    public async Task Merge_patch_changes_only_the_given_fields_and_null_removes()
    {
        await _client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap("m", new() { ["a"] = "1", ["b"] = "2" }));

        var patched = await _client.MergePatchAsync(KubeResources.ConfigMaps, "m", JsonNode.Parse("""{"data":{"a":"10","b":null,"c":"3"}}""")!);

        Assert.Equal(new Dictionary<string, string> { ["a"] = "10", ["c"] = "3" }, patched.Data);
    }

    [Fact]
    public async Task Delete_honours_preconditions_and_removes_the_object()
    {
        var created = await _client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap("d"));

        await Assert.ThrowsAsync<KubeConflictException>(() => _client.DeleteAsync(KubeResources.ConfigMaps, "d", options: new DeleteOptions { Preconditions = new DeletePreconditions(Uid: "not-the-uid") }));
        await _client.DeleteAsync(KubeResources.ConfigMaps, "d", options: new DeleteOptions
        {
            PropagationPolicy = PropagationPolicies.Foreground,
            Preconditions = new DeletePreconditions(created.Metadata.Uid, created.Metadata.ResourceVersion),
        });

        Assert.Null(await _client.TryGetAsync(KubeResources.ConfigMaps, "d"));
        await Assert.ThrowsAsync<KubeNotFoundException>(() => _client.DeleteAsync(KubeResources.ConfigMaps, "d"));
    }

    [Fact]
    public async Task Status_is_written_only_through_the_status_subresource()
    {
        var created = await _client.CreateAsync(Widget.Resource, new Widget { Metadata = new ObjectMeta { Name = "w" }, Spec = new WidgetSpec { Size = 1 } });

        var ignored = await _client.ReplaceAsync(Widget.Resource, created with { Status = new WidgetStatus { Phase = "Sneaky" } });
        Assert.Null(ignored.Status?.Phase);

        var withStatus = await _client.ReplaceStatusAsync(Widget.Resource, ignored with { Status = new WidgetStatus { Phase = "Ready", ObservedGeneration = 1 } });
        Assert.Equal("Ready", withStatus.Status!.Phase);
        Assert.Equal(created.Metadata.Generation, withStatus.Metadata.Generation);

        var patched = await _client.MergePatchStatusAsync(Widget.Resource, "w", JsonNode.Parse("""{"status":{"phase":"Degraded"}}""")!);
        Assert.Equal("Degraded", patched.Status!.Phase);
        Assert.Equal(1, patched.Spec!.Size);
    }

    [Fact]
    public async Task Custom_resources_keep_unknown_spec_fields_through_a_replace()
    {
        var raw = new JsonObject
        {
            ["apiVersion"] = "test.k8sgossip.io/v1",
            ["kind"] = "Widget",
            ["metadata"] = new JsonObject { ["name"] = "future", ["namespace"] = "default" },
            ["spec"] = new JsonObject { ["size"] = 2, ["addedLater"] = "keep-me" },
        };
        _server.CreateObject(raw);

        var read = await _client.GetAsync(Widget.Resource, "future");
        await _client.ReplaceAsync(Widget.Resource, read with { Spec = read.Spec! with { Size = 3 } });

        var stored = _server.Get("test.k8sgossip.io/v1", "widgets", "default", "future")!;
        Assert.Equal("keep-me", (string)stored["spec"]!["addedLater"]!);
        Assert.Equal(3, (int)stored["spec"]!["size"]!);
    }

    [Fact]
    public async Task Cluster_scoped_kinds_ignore_the_namespace()
    {
        var ns = await _client.CreateAsync(KubeResources.Namespaces, new Namespace { Metadata = new ObjectMeta { Name = "team-b" } });
        var all = await _client.ListAllAsync(KubeResources.Namespaces);

        Assert.Null(ns.Metadata.Namespace);
        Assert.Contains(all.Items, n => n.Metadata.Name == "team-b");
        Assert.Contains(all.Items, n => n.Metadata.Name == "kube-system");
    }

    [Fact]
    public async Task Every_request_names_the_product_user_agent()
    {
        await _client.TryGetAsync(KubeResources.Leases, "x");

        Assert.All(_server.Requests, r => Assert.StartsWith("k8sgossip", r.UserAgent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_certificate_signing_request_is_approved_through_approval_and_signed_through_status()
    {
        var request = System.Text.Encoding.ASCII.GetBytes("-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n");
        var created = await _client.CreateAsync(KubeResources.CertificateSigningRequests, new CertificateSigningRequest
        {
            Metadata = new ObjectMeta { Name = "peer-0" },
            Spec = new CertificateSigningRequestSpec { Request = request, SignerName = "gossip.k8sgossip.io/peer", Usages = ["digital signature", "client auth"] },
        });

        var approved = await _client.ReplaceSubresourceAsync(
            KubeResources.CertificateSigningRequests,
            created with { Status = new CertificateSigningRequestStatus { Conditions = [new CertificateSigningRequestCondition { Type = "Approved", Reason = "PeerOfOrganization" }] } },
            "approval");
        var signed = await _client.ReplaceStatusAsync(
            KubeResources.CertificateSigningRequests,
            approved with { Status = approved.Status! with { Certificate = [1, 2, 3] } });

        Assert.Equal(request, signed.Spec!.Request);
        Assert.Equal("Approved", Assert.Single(signed.Status!.Conditions!).Type);
        Assert.Equal([1, 2, 3], signed.Status.Certificate);
        Assert.Null(signed.Metadata.Namespace);
    }
}
