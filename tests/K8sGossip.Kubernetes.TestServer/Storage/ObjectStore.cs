using System.Text.Json.Nodes;
using K8sGossip.Kubernetes.TestServer.Watch;

namespace K8sGossip.Kubernetes.TestServer.Storage;

/// <summary>
/// All objects, one global monotonic resourceVersion, and a bounded log of changes used for watch resume and
/// consistent paging. Callers hold <see cref="Sync"/> for every read-modify-write so writes are linearizable.
/// </summary>
internal sealed class ObjectStore(int watchWindow)
{
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> data = new(StringComparer.Ordinal);
    private readonly LinkedList<WatchEvent> log = new();
    private readonly List<WatchSubscription> subscriptions = [];
    private long resourceVersion = 1;
    private long compactedThrough = 1;

    public Lock Sync { get; } = new();

    public long CurrentResourceVersion
    {
        get
        {
            lock (Sync)
            {
                return resourceVersion;
            }
        }
    }

    public static string ItemKey(string ns, string name) => ns + "/" + name;

    public JsonObject? Get(string typeKey, string ns, string name) =>
        data.TryGetValue(typeKey, out var items) && items.TryGetValue(ItemKey(ns, name), out var obj) ? obj : null;

    /// <summary>Objects of one resource ordered by namespace then name, as etcd keys order them.</summary>
    public IEnumerable<JsonObject> Scan(string typeKey, string? ns) =>
        data.TryGetValue(typeKey, out var items)
            ? items.Where(kv => ns is null || kv.Key.StartsWith(ns + "/", StringComparison.Ordinal)).Select(kv => kv.Value)
            : [];

    public IEnumerable<(string TypeKey, JsonObject Object)> ScanAll() =>
        data.SelectMany(d => d.Value.Values.Select(v => (d.Key, v)));

    public long NextResourceVersion() => ++resourceVersion;

    /// <summary>Stores an object whose metadata.resourceVersion is already the value of <see cref="NextResourceVersion"/>.</summary>
    public void Put(string typeKey, string ns, string name, JsonObject obj, JsonObject? previous)
    {
        if (!data.TryGetValue(typeKey, out var items))
        {
            items = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            data[typeKey] = items;
        }

        items[ItemKey(ns, name)] = obj;
        Record(new WatchEvent(previous is null ? WatchEvent.Added : WatchEvent.Modified, resourceVersion, typeKey, ns, name, obj, previous));
    }

    /// <summary>Removes an object; <paramref name="final"/> carries the deletion's resourceVersion.</summary>
    public void Remove(string typeKey, string ns, string name, JsonObject final, JsonObject previous)
    {
        if (data.TryGetValue(typeKey, out var items))
        {
            items.Remove(ItemKey(ns, name));
        }

        Record(new WatchEvent(WatchEvent.Deleted, resourceVersion, typeKey, ns, name, final, previous));
    }

    public void RemoveType(string typeKey) => data.Remove(typeKey);

    /// <summary>Forgets every retained event so any resume from an older resourceVersion gets 410 Gone.</summary>
    public void Compact()
    {
        lock (Sync)
        {
            log.Clear();
            compactedThrough = resourceVersion;
        }
    }

    /// <summary>The objects of one resource as they were at <paramref name="atResourceVersion"/>, rebuilt by undoing later changes.</summary>
    public List<JsonObject> SnapshotAt(string typeKey, string? ns, long atResourceVersion, bool forContinue = true)
    {
        if (atResourceVersion < compactedThrough && !forContinue)
        {
            throw ApiErrors.Gone($"too old resource version: {atResourceVersion} ({compactedThrough})");
        }

        if (atResourceVersion < compactedThrough)
        {
            throw ApiErrors.Gone("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");
        }

        var state = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var obj in Scan(typeKey, null))
        {
            var meta = obj["metadata"]!;
            state[ItemKey((string?)meta["namespace"] ?? string.Empty, (string)meta["name"]!)] = obj;
        }

        for (var node = log.Last; node is not null && node.Value.ResourceVersion > atResourceVersion; node = node.Previous)
        {
            var e = node.Value;
            if (e.TypeKey != typeKey)
            {
                continue;
            }

            var key = ItemKey(e.Namespace, e.Name);
            if (e.Previous is null)
            {
                state.Remove(key);
            }
            else
            {
                state[key] = e.Previous;
            }
        }

        return [.. state.Where(kv => ns is null || kv.Key.StartsWith(ns + "/", StringComparison.Ordinal)).Select(kv => kv.Value)];
    }

    /// <summary>
    /// Starts a watch. With <paramref name="sinceResourceVersion"/> null the current objects are replayed as ADDED first;
    /// otherwise every retained change after it is replayed, or 410 when it has been compacted away.
    /// </summary>
    public WatchSubscription Subscribe(string typeKey, long? sinceResourceVersion)
    {
        lock (Sync)
        {
            var subscription = new WatchSubscription(typeKey);
            if (sinceResourceVersion is null)
            {
                foreach (var obj in Scan(typeKey, null))
                {
                    var meta = obj["metadata"]!;
                    subscription.Events.Writer.TryWrite(new WatchEvent(WatchEvent.Added, long.Parse((string)meta["resourceVersion"]!, System.Globalization.CultureInfo.InvariantCulture),
                        typeKey, (string?)meta["namespace"] ?? string.Empty, (string)meta["name"]!, obj, null));
                    subscription.InitialEventCount++;
                }
            }
            else
            {
                if (sinceResourceVersion.Value < compactedThrough)
                {
                    var oldest = log.First?.Value.ResourceVersion ?? resourceVersion + 1;
                    subscription.Dispose();
                    throw ApiErrors.Gone($"too old resource version: {sinceResourceVersion.Value} ({oldest})");
                }

                foreach (var e in log.Where(e => e.TypeKey == typeKey && e.ResourceVersion > sinceResourceVersion.Value))
                {
                    subscription.Events.Writer.TryWrite(e);
                }
            }

            subscriptions.Add(subscription);
            subscription.OnDispose = s =>
            {
                lock (Sync)
                {
                    subscriptions.Remove(s);
                }
            };
            return subscription;
        }
    }

    /// <summary>Queues a BOOKMARK at the current resourceVersion on every open watch (each stream decides whether to send it).</summary>
    public void Bookmark()
    {
        lock (Sync)
        {
            foreach (var s in subscriptions)
            {
                s.Events.Writer.TryWrite(new WatchEvent(WatchEvent.Bookmark, resourceVersion, s.TypeKey, string.Empty, string.Empty, null, null));
            }
        }
    }

    public int DropWatches()
    {
        List<WatchSubscription> open;
        lock (Sync)
        {
            open = [.. subscriptions];
        }

        foreach (var s in open)
        {
            s.Drop();
        }

        return open.Count;
    }

    public int OpenWatchCount
    {
        get
        {
            lock (Sync)
            {
                return subscriptions.Count;
            }
        }
    }

    private void Record(WatchEvent e)
    {
        log.AddLast(e);
        while (log.Count > watchWindow)
        {
            compactedThrough = log.First!.Value.ResourceVersion;
            log.RemoveFirst();
        }

        foreach (var s in subscriptions)
        {
            if (s.TypeKey == e.TypeKey)
            {
                s.Events.Writer.TryWrite(e);
            }
        }
    }
}
