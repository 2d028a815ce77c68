using System.Diagnostics;
using K8sGossip.Kubernetes.Client;
using K8sGossip.Kubernetes.Errors;
using K8sGossip.Kubernetes.TestServer;
using K8sGossip.Kubernetes.Tests.Infrastructure;

namespace K8sGossip.Kubernetes.Tests.Client;

public sealed class ClientFaultTests : IAsyncLifetime
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

    private int CountRequests(string method, string pathPart) =>
        _server.Requests.Count(r => r.Method == method && r.PathAndQuery.Contains(pathPart, StringComparison.Ordinal));

    [Fact]
    public async Task Server_errors_on_idempotent_verbs_are_retried_until_success()
    {
        await _client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap("s"));
        _server.Faults.FailNext(3, r => r.Verb == "get");

        var read = await _client.GetAsync(KubeResources.ConfigMaps, "s");

        Assert.Equal("s", read.Metadata.Name);
        Assert.Equal(4, CountRequests("GET", "/configmaps/s"));
    }

    [Fact]
    public async Task Server_errors_on_create_are_not_retried()
    {
        _server.Faults.FailNext(1, r => r.Verb == "create");

        var error = await Assert.ThrowsAsync<KubeServerErrorException>(() => _client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap("once")));

        Assert.Contains("injected failure", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, CountRequests("POST", "/configmaps"));
    }

    [Fact]
    public async Task Retries_are_bounded()
    {
        _server.Faults.FailNext(100, r => r.Verb == "list", statusCode: 503);

        await Assert.ThrowsAsync<KubeServerErrorException>(() => _client.ListAsync(KubeResources.ConfigMaps, "default"));

        Assert.Equal(TestApi.FastOptions().MaxRetries + 1, CountRequests("GET", "/configmaps"));
    }

    [Fact]
    public async Task Throttling_is_retried_after_the_servers_retry_after_even_for_create()
    {
        _server.Faults.ThrottleNext(1, retryAfterSeconds: 1, r => r.Verb == "create");
        var clock = Stopwatch.StartNew();

        await _client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap("t"));

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after only {clock.Elapsed}");
        Assert.Equal(2, CountRequests("POST", "/configmaps"));
    }

    [Fact]
    public async Task Persistent_throttling_surfaces_too_many_requests_with_the_retry_after()
    {
        using var client = TestApi.Client(_server, TestApi.FastOptions() with { MaxRetries = 1, RetryMaxDelay = TimeSpan.FromMilliseconds(50) });
        _server.Faults.ThrottleNext(10, retryAfterSeconds: 7);

        var error = await Assert.ThrowsAsync<KubeTooManyRequestsException>(() => client.ListAsync(KubeResources.ConfigMaps, "default"));

        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Fact]
    public async Task A_slow_response_times_out_with_a_clear_error()
    {
        using var client = TestApi.Client(_server, TestApi.FastOptions() with { RequestTimeout = TimeSpan.FromMilliseconds(300) });
        _server.Faults.AddLatency(TimeSpan.FromSeconds(3), r => r.Verb == "get", count: 1);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<KubeRequestTimeoutException>(() => client.GetAsync(KubeResources.ConfigMaps, "x"));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2.5), $"took {clock.Elapsed}");
        Assert.Contains("within 0.3 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_response_within_the_timeout_succeeds()
    {
        await _client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap("slow"));
        _server.Faults.AddLatency(TimeSpan.FromMilliseconds(200), r => r.Verb == "get", count: 1);

        var read = await _client.GetAsync(KubeResources.ConfigMaps, "slow");

        Assert.Equal("slow", read.Metadata.Name);
    }
}
