using K8sGossip.Kubernetes.Client;
using K8sGossip.Kubernetes.Models;
using K8sGossip.Kubernetes.TestServer;
using K8sGossip.Kubernetes.Tests.Infrastructure;
using K8sGossip.Kubernetes.Watching;

namespace K8sGossip.Kubernetes.Tests.Client;

public sealed class WatchTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
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

    private static async Task<List<WatchEvent<ConfigMap>>> CollectAsync(IAsyncEnumerable<WatchEvent<ConfigMap>> events, Func<List<WatchEvent<ConfigMap>>, bool> until)
    {
        using var timeout = new CancellationTokenSource(Bound);
        var seen = new List<WatchEvent<ConfigMap>>();
        await foreach (var change in events.WithCancellation(timeout.Token))
        {
            seen.Add(change);
            if (until(seen))
            {
                break;
            }
        }

        return seen;
    }

    [Fact]
    public async Task A_watch_streams_typed_added_modified_and_deleted_events()
    {
        var list = await _client.ListAllAsync(KubeResources.ConfigMaps, "default");
        var watching = CollectAsync(
            _client.WatchAsync(KubeResources.ConfigMaps, "default", new WatchOptions { ResourceVersion = list.ResourceVersion, TimeoutSeconds = 30 }),
            seen => seen.Count(e => e.Type != WatchEventType.Bookmark) == 3);

        var created = await _client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap("w"));
        await _client.ReplaceAsync(KubeResources.ConfigMaps, created with { Data = new() { ["k"] = "2" } });
        await _client.DeleteAsync(KubeResources.ConfigMaps, "w");

        var events = (await watching).Where(e => e.Type != WatchEventType.Bookmark).ToList();
        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], events.Select(e => e.Type));
        Assert.Equal("2", events[1].Object.Data!["k"]);
        Assert.All(events, e => Assert.Equal("w", e.Object.Metadata.Name));
    }

    [Fact]
    public async Task Bookmarks_advance_the_resume_version()
    {
        var list = await _client.ListAllAsync(KubeResources.ConfigMaps, "default");
        var watcher = new ResilientWatcher<ConfigMap>(_client, KubeResources.ConfigMaps, "default");
        var watching = CollectAsync(watcher.WatchAsync(list.ResourceVersion), seen => seen.Any(e => e.Type == WatchEventType.Bookmark));
        await _client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap("other", ns: "kube-public"));
        await Eventually.TrueAsync(() => _server.OpenWatchCount > 0, Bound, "the watch is open");

        _server.SendBookmarks();
        var bookmark = (await watching).Single(e => e.Type == WatchEventType.Bookmark);

        Assert.Equal(bookmark.ResourceVersion, watcher.ResourceVersion);
        Assert.NotEqual(list.ResourceVersion, watcher.ResourceVersion);
    }

    [Fact]
    public async Task A_dropped_watch_resumes_from_the_last_version_without_gaps_or_repeats()
    {
        var list = await _client.ListAllAsync(KubeResources.ConfigMaps, "default");
        var watcher = new ResilientWatcher<ConfigMap>(_client, KubeResources.ConfigMaps, "default", new ResilientWatcherOptions { InitialBackoff = TimeSpan.FromMilliseconds(20) });
        var watching = CollectAsync(watcher.WatchAsync(list.ResourceVersion), seen => seen.Count(e => e.Type == WatchEventType.Added) == 6);

        for (var i = 0; i < 6; i++)
        {
            await _client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap($"c{i}"));
            if (i % 2 == 0)
            {
                await Eventually.TrueAsync(() => _server.OpenWatchCount > 0, Bound, "the watch is open again");
                _server.Faults.DropWatches();
            }
        }

        var added = (await watching).Where(e => e.Type == WatchEventType.Added).Select(e => e.Object.Metadata.Name).ToList();
        Assert.Equal(["c0", "c1", "c2", "c3", "c4", "c5"], added);
        Assert.True(watcher.Reconnects >= 1, "the watch reconnected");
    }

    [Fact]
    public async Task A_compacted_history_signals_that_a_relist_is_needed()
    {
        var list = await _client.ListAllAsync(KubeResources.ConfigMaps, "default");
        var watcher = new ResilientWatcher<ConfigMap>(_client, KubeResources.ConfigMaps, "default", new ResilientWatcherOptions { InitialBackoff = TimeSpan.FromMilliseconds(20) });
        var watching = CollectAsync(watcher.WatchAsync(list.ResourceVersion), _ => false);
        await Eventually.TrueAsync(() => _server.OpenWatchCount > 0, Bound, "the watch is open");

        _server.Faults.DropWatches();
        await _client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap("missed"));
        _server.Faults.Compact();

        var error = await Assert.ThrowsAsync<WatchExpiredException>(() => watching);
        Assert.Equal(list.ResourceVersion, error.ResourceVersion);
    }

    [Fact]
    public async Task A_watch_ends_when_the_caller_cancels()
    {
        using var cts = new CancellationTokenSource();
        var watcher = new ResilientWatcher<ConfigMap>(_client, KubeResources.ConfigMaps, null);
        var list = await _client.ListAllAsync(KubeResources.ConfigMaps);
        var watching = Task.Run(async () =>
        {
            await foreach (var _ in watcher.WatchAsync(list.ResourceVersion, cts.Token))
            {
            }
        });
        await Eventually.TrueAsync(() => _server.OpenWatchCount > 0, Bound, "the watch is open");

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching.WaitAsync(Bound));
    }
}
