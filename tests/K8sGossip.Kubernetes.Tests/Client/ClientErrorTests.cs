using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using K8sGossip.Kubernetes.Client;
using K8sGossip.Kubernetes.Configuration;
using K8sGossip.Kubernetes.Errors;
using K8sGossip.Kubernetes.Models;
using K8sGossip.Kubernetes.TestServer;
using K8sGossip.Kubernetes.Tests.Infrastructure;

namespace K8sGossip.Kubernetes.Tests.Client;

public sealed class ClientErrorTests : IAsyncLifetime
{
    private KubeApiTestServer _server = null!;
    private KubeApiClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await KubeApiTestServer.StartAsync();
        _client = TestApi.Client(_server);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_missing_object_is_not_found()
    {
        var error = await Assert.ThrowsAsync<KubeNotFoundException>(() => _client.GetAsync(KubeResources.Leases, "nope", "default"));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("NotFound", error.Reason);
        Assert.Contains("leases.coordination.k8s.io 'default/nope'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_a_taken_name_is_already_exists()
    {
        await _client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap("dup"));

        var error = await Assert.ThrowsAsync<KubeAlreadyExistsException>(() => _client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap("dup")));
        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
    }

    [Fact]
    public async Task An_invalid_object_reports_each_cause_with_its_field()
    {
        var error = await Assert.ThrowsAsync<KubeInvalidException>(() => _client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap("Bad_Name")));

        var cause = Assert.Single(error.Causes);
        Assert.Equal("metadata.name", cause.Field);
        Assert.Equal("FieldValueInvalid", cause.Reason);
        Assert.Contains("Bad_Name", cause.Message, StringComparison.Ordinal);
        Assert.Contains("metadata.name: FieldValueInvalid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forbidden_names_verb_resource_namespace_and_the_rule_that_would_grant_it()
    {
        _server.Faults.ForbidNext(1, r => r.Resource == "leases");
        var lease = new Lease { Metadata = new ObjectMeta { Name = "leader", Namespace = "gossip" }, Spec = new LeaseSpec { HolderIdentity = "me" } };

        var error = await Assert.ThrowsAsync<KubeForbiddenException>(() => _client.ReplaceAsync(KubeResources.Leases, lease));

        Assert.Contains("update leases.coordination.k8s.io in namespace 'gossip'", error.Message, StringComparison.Ordinal);
        Assert.Contains("needs rule: apiGroups=[coordination.k8s.io] resources=[leases] verbs=[update]", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot update resource \"leases\"", error.Message, StringComparison.Ordinal);
        Assert.Equal(new RbacRequirement("update", "coordination.k8s.io", "leases", "gossip"), error.Requirement);
    }

    [Fact]
    public async Task Forbidden_on_a_core_status_subresource_names_the_core_group_and_subresource()
    {
        _server.Faults.ForbidNext(1);

        var error = await Assert.ThrowsAsync<KubeForbiddenException>(() => _client.ReplaceStatusAsync(KubeResources.Pods, new Pod { Metadata = new ObjectMeta { Name = "p" } }));

        Assert.Contains("needs rule: apiGroups=[\"\"] resources=[pods/status] verbs=[update]", error.Message, StringComparison.Ordinal);
        Assert.Contains("in namespace 'default'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_watch_from_a_compacted_version_is_gone()
    {
        var created = await _client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap("g"));
        await _client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap("g2"));
        _server.Faults.Compact();

        await Assert.ThrowsAsync<KubeGoneException>(async () =>
        {
            await foreach (var _ in _client.WatchAsync(KubeResources.ConfigMaps, "default", new WatchOptions { ResourceVersion = created.Metadata.ResourceVersion }))
            {
            }
        });
    }

    [Fact]
    public async Task A_wrong_bearer_token_is_unauthorized_and_the_right_one_works()
    {
        await using var secured = await KubeApiTestServer.StartAsync(new KubeApiTestServerOptions { RequireBearerToken = true, Token = "right" });
        using var wrong = TestApi.Client(secured, token: "wrong");
        using var anonymous = TestApi.Client(secured);
        using var right = TestApi.Client(secured, token: "right");

        await Assert.ThrowsAsync<KubeUnauthorizedException>(() => wrong.ListAsync(KubeResources.ConfigMaps, "default"));
        await Assert.ThrowsAsync<KubeUnauthorizedException>(() => anonymous.ListAsync(KubeResources.ConfigMaps, "default"));
        Assert.NotNull(await right.ListAsync(KubeResources.ConfigMaps, "default"));
    }

    [Fact]
    public async Task An_unreachable_server_fails_fast_with_one_clear_error()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new KubeApiClient(new KubeClientConfig { Server = new Uri($"https://127.0.0.1:{port}") }, TestApi.FastOptions());
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<KubeUnreachableException>(() => client.ListAsync(KubeResources.ConfigMaps, "default"));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Contains($"Cannot reach the Kubernetes API at https://127.0.0.1:{port}/", error.Message, StringComparison.Ordinal);
        Assert.Contains("list configmaps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_never_completes_the_tls_handshake_fails_within_the_connect_timeout()
    {
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            var port = ((IPEndPoint)silent.LocalEndpoint).Port;
            using var client = new KubeApiClient(
                new KubeClientConfig { Server = new Uri($"https://127.0.0.1:{port}") },
                TestApi.FastOptions() with { ConnectTimeout = TimeSpan.FromMilliseconds(500) });
            var clock = Stopwatch.StartNew();

            var error = await Assert.ThrowsAsync<KubeUnreachableException>(() => client.GetAsync(KubeResources.Leases, "x", "default"));

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
            Assert.Contains("Cannot reach the Kubernetes API", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            silent.Stop();
        }
    }
}
