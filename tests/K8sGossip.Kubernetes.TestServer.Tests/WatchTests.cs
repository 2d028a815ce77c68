using System.Net;
using System.Text.Json.Nodes;
using static K8sGossip.Kubernetes.TestServer.Tests.Objects;

namespace K8sGossip.Kubernetes.TestServer.Tests;

public sealed class WatchTests
{
    [Fact]
    public async Task Watch_from_a_resource_version_replays_later_changes_in_order()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        var before = await api.CreateAsync(Leases, Lease("old"));
        await api.CreateAsync(Leases, Lease("a"));
        await api.MergePatchAsync($"{Leases}/a", JsonNode.Parse("""{"spec":{"holderIdentity":"peer-1"}}""")!);
        await api.DeleteAsync($"{Leases}/a");

        await using var watch = await WatchStream.OpenAsync(api.Http, $"{Leases}?watch=true&resourceVersion={ApiClient.Rv(before)}");

        Assert.Equal(("ADDED", "a"), await watch.NextSummaryAsync());
        Assert.Equal(("MODIFIED", "a"), await watch.NextSummaryAsync());
        Assert.Equal(("DELETED", "a"), await watch.NextSummaryAsync());
        await api.CreateAsync(Leases, Lease("live"));
        Assert.Equal(("ADDED", "live"), await watch.NextSummaryAsync());
    }

    [Fact]
    public async Task A_dropped_watch_resumed_from_the_last_seen_version_misses_nothing()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        var start = server.CurrentResourceVersion;
        string lastSeen;
        await using (var watch = await WatchStream.OpenAsync(api.Http, $"{Leases}?watch=true&resourceVersion={start}"))
        {
            await api.CreateAsync(Leases, Lease("a"));
            var added = await watch.NextAsync();
            lastSeen = (string)added!["object"]!["metadata"]!["resourceVersion"]!;
            server.Faults.DropWatches();
        }

        await api.CreateAsync(Leases, Lease("b"));
        await api.DeleteAsync($"{Leases}/a");
        await using var resumed = await WatchStream.OpenAsync(api.Http, $"{Leases}?watch=true&resourceVersion={lastSeen}");

        Assert.Equal(("ADDED", "b"), await resumed.NextSummaryAsync());
        Assert.Equal(("DELETED", "a"), await resumed.NextSummaryAsync());
    }

    [Fact]
    public async Task Watch_without_a_resource_version_starts_with_the_current_objects()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        await api.CreateAsync(Leases, Lease("a"));
        await api.CreateAsync(Leases, Lease("b"));

        await using var watch = await WatchStream.OpenAsync(api.Http, $"{Leases}?watch=1&resourceVersion=0");

        Assert.Equal(("ADDED", "a"), await watch.NextSummaryAsync());
        Assert.Equal(("ADDED", "b"), await watch.NextSummaryAsync());
    }

    [Fact]
    public async Task Bookmarks_reach_only_watches_that_allow_them()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        await using var plain = await WatchStream.OpenAsync(api.Http, $"{Leases}?watch=true&resourceVersion={server.CurrentResourceVersion}");
        await using var withBookmarks = await WatchStream.OpenAsync(api.Http,
            $"{Leases}?watch=true&allowWatchBookmarks=true&resourceVersion={server.CurrentResourceVersion}");

        server.SendBookmarks();
        await api.CreateAsync(Leases, Lease("after"));

        var bookmark = await withBookmarks.NextAsync();
        Assert.Equal("BOOKMARK", (string?)bookmark!["type"]);
        Assert.Equal("Lease", (string?)bookmark["object"]!["kind"]);
        Assert.NotNull(bookmark["object"]!["metadata"]!["resourceVersion"]);
        Assert.Equal(("ADDED", "after"), await withBookmarks.NextSummaryAsync());
        Assert.Equal(("ADDED", "after"), await plain.NextSummaryAsync());
    }

    [Fact]
    public async Task Watch_from_a_compacted_resource_version_gets_an_ERROR_event_with_410()
    {
        await using var server = await KubeApiTestServer.StartAsync(new KubeApiTestServerOptions { WatchWindow = 2 });
        using var api = new ApiClient(server);
        var first = await api.CreateAsync(Leases, Lease("a"));
        await api.CreateAsync(Leases, Lease("b"));
        await api.CreateAsync(Leases, Lease("c"));
        await api.CreateAsync(Leases, Lease("d"));

        await using var watch = await WatchStream.OpenAsync(api.Http, $"{Leases}?watch=true&resourceVersion={ApiClient.Rv(first)}");
        var error = await watch.NextAsync();

        Assert.Equal(HttpStatusCode.OK, watch.Status);
        Assert.Equal("ERROR", (string?)error!["type"]);
        Assert.Equal(410, (int?)error["object"]!["code"]);
        Assert.Equal("Expired", (string?)error["object"]!["reason"]);
        Assert.StartsWith("too old resource version: ", (string?)error["object"]!["message"], StringComparison.Ordinal);
        Assert.Null(await watch.NextAsync());
    }

    [Fact]
    public async Task A_label_selector_watch_sees_relabelling_as_ADDED_and_DELETED()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        await api.CreateAsync(ConfigMaps, ConfigMap("c"));
        await using var watch = await WatchStream.OpenAsync(api.Http, $"{ConfigMaps}?watch=true&labelSelector=app%3Dgossip&resourceVersion={server.CurrentResourceVersion}");

        await api.MergePatchAsync($"{ConfigMaps}/c", JsonNode.Parse("""{"metadata":{"labels":{"app":"gossip"}}}""")!);
        await api.MergePatchAsync($"{ConfigMaps}/c", JsonNode.Parse("""{"data":{"x":"1"}}""")!);
        await api.MergePatchAsync($"{ConfigMaps}/c", JsonNode.Parse("""{"metadata":{"labels":null}}""")!);

        Assert.Equal(("ADDED", "c"), await watch.NextSummaryAsync());
        Assert.Equal(("MODIFIED", "c"), await watch.NextSummaryAsync());
        Assert.Equal(("DELETED", "c"), await watch.NextSummaryAsync());
    }

    [Fact]
    public async Task A_field_selector_on_the_name_watches_a_single_object()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        await using var watch = await WatchStream.OpenAsync(api.Http,
            $"{Leases}?watch=true&fieldSelector=metadata.name%3Dleader&resourceVersion={server.CurrentResourceVersion}");

        await api.CreateAsync(Leases, Lease("other"));
        await api.CreateAsync(Leases, Lease("leader"));

        Assert.Equal(("ADDED", "leader"), await watch.NextSummaryAsync());
    }

    [Fact]
    public async Task A_watch_ends_cleanly_after_timeoutSeconds()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        await using var server = await KubeApiTestServer.StartAsync(new KubeApiTestServerOptions { TimeProvider = clock });
        using var api = new ApiClient(server);
        await using var watch = await WatchStream.OpenAsync(api.Http, $"{Leases}?watch=true&timeoutSeconds=30&resourceVersion={server.CurrentResourceVersion}");
        var next = watch.NextAsync();

        clock.Advance(TimeSpan.FromSeconds(31));

        Assert.Null(await next);
    }

    [Fact]
    public async Task Send_initial_events_ends_the_replay_with_an_annotated_bookmark()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var api = new ApiClient(server);
        await api.CreateAsync(Leases, Lease("a"));

        await using var watch = await WatchStream.OpenAsync(api.Http,
            $"{Leases}?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan");

        Assert.Equal(("ADDED", "a"), await watch.NextSummaryAsync());
        var bookmark = await watch.NextAsync();
        Assert.Equal("BOOKMARK", (string?)bookmark!["type"]);
        Assert.Equal("true", (string?)bookmark["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]);
    }
}
