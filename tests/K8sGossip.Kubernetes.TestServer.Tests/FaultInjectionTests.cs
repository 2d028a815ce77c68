using System.Net;
using System.Text.Json.Nodes;
using static K8sGossip.Kubernetes.TestServer.Tests.Objects;

namespace K8sGossip.Kubernetes.TestServer.Tests;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task FailNext_answers_matching_requests_with_500_then_recovers()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        server.Faults.FailNext(2, r => r.Resource == "leases" && r.Verb == "create");

        var (first, body) = await api.PostAsync(Leases, Lease("a"));
        var (unrelated, _) = await api.PostAsync(ConfigMaps, ConfigMap("c"));
        var (second, _) = await api.PostAsync(Leases, Lease("a"));
        var (third, _) = await api.PostAsync(Leases, Lease("a"));

        Assert.Equal(HttpStatusCode.InternalServerError, first);
        Assert.Equal("InternalError", (string?)body["reason"]);
        Assert.Equal(HttpStatusCode.Created, unrelated);
        Assert.Equal(HttpStatusCode.InternalServerError, second);
        Assert.Equal(HttpStatusCode.Created, third);
        Assert.Equal(2, server.Faults.InjectedCount);
    }

    [Fact]
    public async Task ThrottleNext_answers_429_with_Retry_After()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var http = server.CreateHttpClient();
        server.Faults.ThrottleNext(1, retryAfterSeconds: 3);

        using var response = await http.GetAsync(Leases);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
        Assert.Equal("TooManyRequests", (string?)body["reason"]);
        Assert.Equal(3, (int?)body["details"]!["retryAfterSeconds"]);
    }

    [Fact]
    public async Task ForbidNext_answers_403_naming_the_denied_verb_and_resource()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        server.Faults.ForbidNext(1, r => r.Verb == "update", user: "system:serviceaccount:default:sidecar");
        var created = await api.CreateAsync(Leases, Lease("l"));

        var (status, body) = await api.PutAsync($"{Leases}/l", created);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("leases.coordination.k8s.io \"l\" is forbidden: User \"system:serviceaccount:default:sidecar\" cannot update resource \"leases\" in API group \"coordination.k8s.io\" in the namespace \"default\"",
            (string?)body["message"]);
    }

    [Fact]
    public async Task Added_latency_holds_the_response_until_the_clock_moves()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        await using var server = await KubeApiTestServer.StartAsync(new KubeApiTestServerOptions { TimeProvider = clock });
        using var api = new ApiClient(server);
        server.Faults.AddLatency(TimeSpan.FromSeconds(5), r => r.Verb == "list", count: 1);

        var pending = api.GetAsync(Leases);
        await WaitUntilAsync(() => server.Faults.InjectedCount == 1);
        Assert.False(pending.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(5));
        var (status, _) = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task DropWatches_breaks_open_watch_connections()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        await using var watch = await WatchStream.OpenAsync(api.Http, $"{Leases}?watch=true&resourceVersion={server.CurrentResourceVersion}");
        await WaitUntilAsync(() => server.OpenWatchCount == 1);

        var dropped = server.Faults.DropWatches();

        Assert.Equal(1, dropped);
        var ended = await Record.ExceptionAsync(async () => Assert.Null(await watch.NextAsync()));
        Assert.True(ended is null or IOException or HttpRequestException, $"unexpected {ended}");
        await WaitUntilAsync(() => server.OpenWatchCount == 0);
    }

    [Fact]
    public async Task Compact_makes_the_next_resume_get_410()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        var lease = await api.CreateAsync(Leases, Lease("l"));
        await api.MergePatchAsync($"{Leases}/l", JsonNode.Parse("""{"spec":{"holderIdentity":"peer-9"}}""")!);

        server.Faults.Compact();
        await using var watch = await WatchStream.OpenAsync(api.Http, $"{Leases}?watch=true&resourceVersion={ApiClient.Rv(lease)}");

        var error = await watch.NextAsync();
        Assert.Equal("ERROR", (string?)error!["type"]);
        Assert.Equal(410, (int?)error["object"]!["code"]);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
