using K8sGossip.Kubernetes.Client;
using K8sGossip.Kubernetes.Errors;
using K8sGossip.Kubernetes.Models;
using K8sGossip.Kubernetes.TestServer;
using K8sGossip.Kubernetes.Tests.Infrastructure;

namespace K8sGossip.Kubernetes.Tests.Client;

public sealed class ServerSideApplyTests : IAsyncLifetime
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

    private static ConfigMap Intent(Dictionary<string, string> data) => new()
    {
        Metadata = new ObjectMeta { Name = "applied", Namespace = "default", Labels = new() { ["app"] = "gossip" } },
        Data = data,
    };

    [Fact]
    public async Task Applying_the_same_intent_twice_writes_only_once()
    {
        var first = await _client.ApplyAsync(KubeResources.ConfigMaps, Intent(new() { ["a"] = "1" }), new ApplyOptions("operator"));
        var second = await _client.ApplyAsync(KubeResources.ConfigMaps, Intent(new() { ["a"] = "1" }), new ApplyOptions("operator"));

        Assert.Equal(first.Metadata.ResourceVersion, second.Metadata.ResourceVersion);
        Assert.Contains(_server.Requests, r => r.ContentType == "application/apply-patch+yaml" && r.PathAndQuery.Contains("fieldManager=operator", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_field_dropped_from_the_intent_is_removed()
    {
        await _client.ApplyAsync(KubeResources.ConfigMaps, Intent(new() { ["a"] = "1", ["b"] = "2" }), new ApplyOptions("operator"));

        var after = await _client.ApplyAsync(KubeResources.ConfigMaps, Intent(new() { ["a"] = "1" }), new ApplyOptions("operator"));

        Assert.Equal(new Dictionary<string, string> { ["a"] = "1" }, after.Data);
    }

    [Fact]
    public async Task Two_managers_conflict_on_a_field_unless_forced()
    {
        await _client.ApplyAsync(KubeResources.ConfigMaps, Intent(new() { ["a"] = "1" }), new ApplyOptions("operator"));

        var error = await Assert.ThrowsAsync<KubeConflictException>(() => _client.ApplyAsync(KubeResources.ConfigMaps, Intent(new() { ["a"] = "other" }), new ApplyOptions("intruder")));
        Assert.Contains("intruder", _server.Requests[^1].PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("conflict", error.Message, StringComparison.OrdinalIgnoreCase);

        var forced = await _client.ApplyAsync(KubeResources.ConfigMaps, Intent(new() { ["a"] = "other" }), new ApplyOptions("intruder", Force: true));
        Assert.Equal("other", forced.Data!["a"]);
    }

    [Fact]
    public async Task Status_can_be_applied_through_the_status_subresource()
    {
        await _client.ApplyAsync(Widget.Resource, new Widget { Metadata = new ObjectMeta { Name = "w", Namespace = "default" }, Spec = new WidgetSpec { Size = 2 } }, new ApplyOptions("operator"));

        var withStatus = await _client.ApplyStatusAsync(Widget.Resource, new Widget { Metadata = new ObjectMeta { Name = "w", Namespace = "default" }, Status = new WidgetStatus { Phase = "Ready" } }, new ApplyOptions("operator"));

        Assert.Equal("Ready", withStatus.Status!.Phase);
        Assert.Equal(2, withStatus.Spec!.Size);
    }

    [Fact]
    public async Task An_object_read_back_from_the_server_can_be_applied_again()
    {
        var applied = await _client.ApplyAsync(KubeResources.ConfigMaps, Intent(new() { ["a"] = "1" }), new ApplyOptions("operator"));
        Assert.NotNull(applied.Metadata.ManagedFields);

        var again = await _client.ApplyAsync(KubeResources.ConfigMaps, applied with { Data = new() { ["a"] = "2" } }, new ApplyOptions("operator"));

        Assert.Equal("2", again.Data!["a"]);
    }
}
