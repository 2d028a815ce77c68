using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.Client;
using K8sGossip.Kubernetes.Errors;
using K8sGossip.Kubernetes.Models;
using K8sGossip.Kubernetes.Runtime;
using K8sGossip.Kubernetes.TestServer;
using K8sGossip.Kubernetes.Tests.Infrastructure;

namespace K8sGossip.Kubernetes.Tests.Runtime;

public sealed class InformerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private static InformerOptions FastInformer(string? ns = "default") => new()
    {
        Namespace = ns,
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
        PageSize = 7,
    };

    /// <summary>Checks the handler event sequence per object: add, updates, delete; never again for a deleted uid.</summary>
    private sealed class SequenceChecker : IResourceEventHandler<ConfigMap>
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<ObjectKey, (string Uid, string Rv)> _live = [];
        private readonly HashSet<string> _deletedUids = [];

        public List<string> Violations { get; } = [];

        public Dictionary<ObjectKey, (string Uid, string Rv)> Live
        {
            get
            {
                lock (_gate)
                {
                    return new(_live);
                }
            }
        }

        public void OnAdded(ConfigMap value)
        {
            lock (_gate)
            {
                var key = ObjectKey.Of(value);
                if (_live.ContainsKey(key))
                {
                    Violations.Add($"duplicate add of {key}");
                }

                Check(value);
                _live[key] = (value.Metadata.Uid!, value.Metadata.ResourceVersion!);
            }
        }

        public void OnUpdated(ConfigMap previous, ConfigMap current)
        {
            lock (_gate)
            {
                var key = ObjectKey.Of(current);
                if (!_live.TryGetValue(key, out var known) || known.Uid != current.Metadata.Uid)
                {
                    Violations.Add($"update of unknown {key}");
                }

                Check(current);
                _live[key] = (current.Metadata.Uid!, current.Metadata.ResourceVersion!);
            }
        }

        public void OnDeleted(ConfigMap lastKnown)
        {
            lock (_gate)
            {
                var key = ObjectKey.Of(lastKnown);
                if (!_live.Remove(key, out var known) || known.Uid != lastKnown.Metadata.Uid)
                {
                    Violations.Add($"delete of unknown {key}");
                }

                _deletedUids.Add(lastKnown.Metadata.Uid!);
            }
        }

        private void Check(ConfigMap value)
        {
            if (_deletedUids.Contains(value.Metadata.Uid!))
            {
                Violations.Add($"resurrected {ObjectKey.Of(value)} uid {value.Metadata.Uid}");
            }
        }
    }

    [Fact]
    public async Task The_cache_equals_the_server_after_a_seeded_storm_with_dropped_watches_and_compactions()
    {
        await using var server = await KubeApiTestServer.StartAsync(new KubeApiTestServerOptions { WatchWindow = 40 });
        using var client = TestApi.Client(server);
        var informer = new Informer<ConfigMap>(client, KubeResources.ConfigMaps, FastInformer());
        var checker = new SequenceChecker();
        informer.AddHandler(checker);
        using var cts = new CancellationTokenSource();
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(cts.Token).WaitAsync(Bound);

        var random = new Random(20261121);
        var live = new List<string>();
        var next = 0;
        for (var step = 0; step < 400; step++)
        {
            var roll = random.Next(10);
            if (live.Count == 0 || roll < 4)
            {
                // Re-using a deleted name now and then checks that a new uid under an old name is a new object.
                var name = next > 0 && random.Next(4) == 0 ? $"cm-{random.Next(next)}" : $"cm-{next++}";
                if (!live.Contains(name))
                {
                    await client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap(name, new() { ["step"] = step.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
                    live.Add(name);
                }
            }
            else if (roll < 8)
            {
                var name = live[random.Next(live.Count)];
                await client.MergePatchAsync(KubeResources.ConfigMaps, name, new JsonObject { ["data"] = new JsonObject { ["step"] = step.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
            }
            else
            {
                var name = live[random.Next(live.Count)];
                await client.DeleteAsync(KubeResources.ConfigMaps, name);
                live.Remove(name);
            }

            if (step % 37 == 0)
            {
                server.Faults.DropWatches();
            }

            if (step % 91 == 0)
            {
                server.Faults.Compact();
                server.Faults.DropWatches();
            }
        }

        var truth = (await client.ListAllAsync(KubeResources.ConfigMaps, "default")).Items
            .ToDictionary(ObjectKey.Of, c => (c.Metadata.Uid!, c.Metadata.ResourceVersion!));
        await Eventually.TrueAsync(
            () => Same(truth, informer.Snapshot.ToDictionary(p => p.Key, p => (p.Value.Metadata.Uid!, p.Value.Metadata.ResourceVersion!))),
            Bound,
            "the informer cache equals the server's state");

        Assert.Empty(checker.Violations);
        Assert.True(Same(truth, checker.Live), "the handler's view equals the server's state");
        Assert.Equal(live.Order(), truth.Keys.Select(k => k.Name).Order());
        Assert.True(informer.Relists >= 1, "the storm exercised at least one relist after 410 Gone");
        await cts.CancelAsync();
        await run.WaitAsync(Bound);
    }

    [Fact]
    public async Task A_relist_emits_deletes_for_vanished_objects_and_updates_for_changed_ones()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var client = TestApi.Client(server);
        await client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap("stays"));
        await client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap("changes"));
        await client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap("goes"));
        var events = new List<string>();
        var informer = new Informer<ConfigMap>(client, KubeResources.ConfigMaps, FastInformer());
        informer.AddHandler(new ResourceEventHandler<ConfigMap>
        {
            Added = v => { lock (events) { events.Add("add " + v.Metadata.Name); } },
            Updated = (_, v) => { lock (events) { events.Add("update " + v.Metadata.Name); } },
            Deleted = v => { lock (events) { events.Add("delete " + v.Metadata.Name); } },
        });
        using var cts = new CancellationTokenSource();
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(cts.Token).WaitAsync(Bound);
        await Eventually.TrueAsync(() => server.OpenWatchCount > 0, Bound, "the informer watches");

        // Break the watch and make its history unavailable, then change things it cannot see as events.
        server.Faults.Compact();
        server.Faults.AddLatency(TimeSpan.FromMilliseconds(300), r => r.IsWatch, count: 1);
        server.Faults.DropWatches();
        await client.MergePatchAsync(KubeResources.ConfigMaps, "changes", JsonNode.Parse("""{"data":{"k":"new"}}""")!);
        await client.DeleteAsync(KubeResources.ConfigMaps, "goes");
        server.Faults.Compact();

        await Eventually.TrueAsync(
            () =>
            {
                lock (events)
                {
                    return informer.Relists >= 1 && events.Count == 5;
                }
            },
            Bound,
            "the relist caught up");
        Assert.Equal(2, informer.Snapshot.Count);
        Assert.Equal("new", informer.Get(new ObjectKey("default", "changes"))!.Data!["k"]);
        lock (events)
        {
            Assert.Equal(["add changes", "add goes", "add stays", "delete goes", "update changes"], events.Take(3).Order().Concat(events.Skip(3)));
        }

        await cts.CancelAsync();
        await run.WaitAsync(Bound);
    }

    [Fact]
    public async Task A_periodic_resync_redelivers_every_cached_object()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var client = TestApi.Client(server);
        await client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap("a"));
        await client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap("b"));
        var time = new ManualTimeProvider();
        var resynced = new List<string>();
        var informer = new Informer<ConfigMap>(client, KubeResources.ConfigMaps, FastInformer() with { ResyncPeriod = TimeSpan.FromMinutes(10) }, time);
        informer.AddHandler(new ResourceEventHandler<ConfigMap>
        {
            Updated = (old, current) =>
            {
                lock (resynced)
                {
                    resynced.Add($"{current.Metadata.Name}:{ReferenceEquals(old, current)}");
                }
            },
        });
        using var cts = new CancellationTokenSource();
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(cts.Token).WaitAsync(Bound);

        time.Advance(TimeSpan.FromMinutes(10));

        await Eventually.TrueAsync(() => { lock (resynced) { return resynced.Count == 2; } }, Bound, "both objects were re-delivered");
        lock (resynced)
        {
            Assert.Equal(["a:True", "b:True"], resynced.Order());
        }

        await cts.CancelAsync();
        await run.WaitAsync(Bound);
    }

    [Fact]
    public async Task A_controller_maps_owned_objects_to_their_controller_owner()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        server.RegisterCustomResource("test.k8sgossip.io", "v1", "widgets", "Widget");
        using var client = TestApi.Client(server);
        var widget = await client.CreateAsync(Widget.Resource, new Widget { Metadata = new ObjectMeta { Name = "w1", Namespace = "default" }, Spec = new WidgetSpec { Size = 1 } });
        var keys = new List<ObjectKey>();
        var reconciler = new RecordingReconciler(keys);
        var widgets = new Informer<Widget>(client, Widget.Resource, FastInformer());
        var maps = new Informer<ConfigMap>(client, KubeResources.ConfigMaps, FastInformer());
        using var controller = new Controller(reconciler, new ControllerOptions { Name = "widgets", Workers = 2 }).For(widgets).Owns(maps);
        using var cts = new CancellationTokenSource();
        var run = controller.RunAsync(cts.Token);
        await Eventually.TrueAsync(() => reconciler.Count(new ObjectKey("default", "w1")) == 1, Bound, "the primary object was reconciled");

        var owned = TestApi.ConfigMap("w1-config") with
        {
            Metadata = new ObjectMeta
            {
                Name = "w1-config",
                Namespace = "default",
                OwnerReferences = [new OwnerReference { ApiVersion = "test.k8sgossip.io/v1", Kind = "Widget", Name = "w1", Uid = widget.Metadata.Uid!, Controller = true }],
            },
        };
        await client.CreateAsync(KubeResources.ConfigMaps, owned);
        await client.CreateAsync(KubeResources.ConfigMaps, TestApi.ConfigMap("unowned"));

        await Eventually.TrueAsync(() => reconciler.Count(new ObjectKey("default", "w1")) == 2, Bound, "the owner was reconciled for its child");
        await Task.Delay(200);
        Assert.Equal(0, reconciler.Count(new ObjectKey("default", "unowned")));
        Assert.Equal(0, reconciler.Count(new ObjectKey("default", "w1-config")));
        await cts.CancelAsync();
        await run.WaitAsync(Bound);
    }

    [Fact]
    public async Task A_controller_reports_caches_that_cannot_sync()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var client = TestApi.Client(server);
        server.Faults.ForbidNext(1000, r => r.Verb == "list");
        var informer = new Informer<ConfigMap>(client, KubeResources.ConfigMaps, FastInformer());
        using var controller = new Controller(new RecordingReconciler([]), new ControllerOptions { CacheSyncTimeout = TimeSpan.FromMilliseconds(500) }).For(informer);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => controller.RunAsync(CancellationToken.None)).WaitAsync(Bound);

        Assert.Contains("configmaps did not sync", error.Message, StringComparison.Ordinal);
    }

    private static bool Same(Dictionary<ObjectKey, (string, string)> expected, Dictionary<ObjectKey, (string, string)> actual) =>
        expected.Count == actual.Count && expected.All(p => actual.TryGetValue(p.Key, out var v) && v == p.Value);

    private sealed class RecordingReconciler(List<ObjectKey> keys) : IReconciler
    {
        public int Count(ObjectKey key)
        {
            lock (keys)
            {
                return keys.Count(k => k == key);
            }
        }

        public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
        {
            lock (keys)
            {
                keys.Add(key);
            }

            return Task.FromResult(ReconcileResult.Done);
        }
    }
}
