using System.Collections.Immutable;
using K8sGossip.Kubernetes.Client;
using K8sGossip.Kubernetes.Diagnostics;
using K8sGossip.Kubernetes.Errors;
using K8sGossip.Kubernetes.Models;
using K8sGossip.Kubernetes.Watching;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Kubernetes.Runtime;

/// <summary>Keeps a local cache of a collection in step with the server (list, then watch) and tells handlers what changed.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>The cache is an immutable snapshot replaced atomically; readers never see a half-applied change.</item>
/// <item>Watch drops are resumed from the last version; a 410 Gone triggers a relist whose differences are
/// delivered as synthetic events: deletes for objects that vanished, updates for ones that changed, adds for new
/// ones. A name re-used by a new object (different uid) is a delete followed by an add. So handlers never see an
/// object twice, miss one, or see a deleted one come back.</item>
/// <item>Handlers run one at a time, in order, and a throwing handler is logged without stopping the informer.</item>
/// </list>
/// </remarks>
/// <typeparam name="T">The object type.</typeparam>
public sealed partial class Informer<T> : IInformer
    where T : KubeObject
{
    private readonly IKubeApi _api;
    private readonly KubeResource<T> _resource;
    private readonly InformerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _dispatchGate = new();
    private readonly List<IResourceEventHandler<T>> _handlers = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ImmutableDictionary<ObjectKey, T> _cache = ImmutableDictionary<ObjectKey, T>.Empty;
    private int _running;

    /// <summary>Creates an informer; nothing happens until <see cref="RunAsync"/>.</summary>
    public Informer(IKubeApi api, KubeResource<T> resource, InformerOptions? options = null, TimeProvider? time = null, ILogger<Informer<T>>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(resource);
        _api = api;
        _resource = resource;
        _options = options ?? new InformerOptions();
        _options.Validate();
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public ResourceDescriptor Resource => _resource.Descriptor;

    /// <summary>The typed kind.</summary>
    public KubeResource<T> TypedResource => _resource;

    /// <inheritdoc />
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>The current cache: an immutable snapshot, safe to keep and enumerate.</summary>
    public ImmutableDictionary<ObjectKey, T> Snapshot => Volatile.Read(ref _cache);

    /// <summary>How many times the informer had to relist after its watch expired.</summary>
    public int Relists { get; private set; }

    /// <summary>The cached object for <paramref name="key"/>, or null.</summary>
    public T? Get(ObjectKey key) => Snapshot.GetValueOrDefault(key);

    /// <summary>Registers a handler; one registered after sync first receives an add for every cached object.</summary>
    public void AddHandler(IResourceEventHandler<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_dispatchGate)
        {
            _handlers.Add(handler);
            foreach (var value in _cache.Values)
            {
                Invoke(handler, h => h.OnAdded(value));
            }
        }
    }

    /// <inheritdoc />
    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException($"The {_resource.Descriptor.Kind} informer is already running; share its cache instead of running it twice.");
        }

        try
        {
            await Task.WhenAll(ListAndWatchAsync(cancellationToken), ResyncAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the caller.
        }
    }

    private async Task ListAndWatchAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        var watcher = new ResilientWatcher<T>(_api, _resource, _options.Namespace, _options.WatcherOptions(), _time, _logger);
        while (!cancellationToken.IsCancellationRequested)
        {
            KubeListResult<T> list;
            try
            {
                list = await _api.ListAllAsync(
                    _resource,
                    _options.Namespace,
                    new ListOptions { LabelSelector = _options.LabelSelector, FieldSelector = _options.FieldSelector, Limit = _options.PageSize },
                    cancellationToken);
            }
            catch (KubeApiException ex)
            {
                failures++;
                var delay = Backoff(failures);
                Log.ListFailed(_logger, _resource.Descriptor.QualifiedPlural, delay.TotalMilliseconds, ex.Message);
                await Task.Delay(delay, _time, cancellationToken);
                continue;
            }

            failures = 0;
            ReplaceAll(list.Items);
            if (_synced.TrySetResult())
            {
                Log.Synced(_logger, _resource.Descriptor.QualifiedPlural, list.Items.Count, list.ResourceVersion);
            }

            try
            {
                await foreach (var change in watcher.WatchAsync(list.ResourceVersion, cancellationToken))
                {
                    Apply(change);
                }
            }
            catch (WatchExpiredException)
            {
                Relists++;
                KubernetesMetrics.InformerRelists.Add(1, new KeyValuePair<string, object?>("resource", _resource.Descriptor.Plural));
            }
        }
    }

    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        if (_options.ResyncPeriod is not { } period)
        {
            return;
        }

        using var timer = new PeriodicTimer(period, _time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            if (!HasSynced)
            {
                continue;
            }

            lock (_dispatchGate)
            {
                foreach (var value in _cache.Values)
                {
                    Dispatch(h => h.OnUpdated(value, value));
                }
            }
        }
    }

    private void Apply(WatchEvent<T> change)
    {
        if (change.Type == WatchEventType.Bookmark)
        {
            return;
        }

        var key = ObjectKey.Of(change.Object);
        lock (_dispatchGate)
        {
            var cached = _cache.GetValueOrDefault(key);
            if (change.Type == WatchEventType.Deleted)
            {
                if (cached is not null)
                {
                    Volatile.Write(ref _cache, _cache.Remove(key));
                    Dispatch(h => h.OnDeleted(change.Object));
                }

                return;
            }

            Upsert(key, cached, change.Object);
        }
    }

    private void ReplaceAll(IReadOnlyList<T> items)
    {
        lock (_dispatchGate)
        {
            var listed = new Dictionary<ObjectKey, T>(items.Count);
            foreach (var item in items)
            {
                listed[ObjectKey.Of(item)] = item;
            }

            foreach (var (key, cached) in _cache)
            {
                if (!listed.ContainsKey(key))
                {
                    Volatile.Write(ref _cache, _cache.Remove(key));
                    Dispatch(h => h.OnDeleted(cached));
                }
            }

            foreach (var (key, item) in listed)
            {
                var cached = _cache.GetValueOrDefault(key);
                if (cached is null || cached.Metadata.ResourceVersion != item.Metadata.ResourceVersion || cached.Metadata.Uid != item.Metadata.Uid)
                {
                    Upsert(key, cached, item);
                }
            }
        }
    }

    private void Upsert(ObjectKey key, T? cached, T current)
    {
        if (cached is not null && cached.Metadata.Uid != current.Metadata.Uid)
        {
            // Same name, new object: the old one was deleted while we were not looking.
            Volatile.Write(ref _cache, _cache.Remove(key));
            Dispatch(h => h.OnDeleted(cached));
            cached = null;
        }

        Volatile.Write(ref _cache, _cache.SetItem(key, current));
        if (cached is null)
        {
            Dispatch(h => h.OnAdded(current));
        }
        else
        {
            Dispatch(h => h.OnUpdated(cached, current));
        }
    }

    private void Dispatch(Action<IResourceEventHandler<T>> action)
    {
        foreach (var handler in _handlers)
        {
            Invoke(handler, action);
        }
    }

    private void Invoke(IResourceEventHandler<T> handler, Action<IResourceEventHandler<T>> action)
    {
        try
        {
            action(handler);
        }
#pragma warning disable CA1031 // A faulty handler must not stop the cache from following the server.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.HandlerFailed(_logger, _resource.Descriptor.QualifiedPlural, ex);
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var ms = _options.InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20));
        return TimeSpan.FromMilliseconds(Math.Min(ms, _options.MaxBackoff.TotalMilliseconds));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Listing {Resource} failed; retrying in {DelayMs} ms: {Reason}")]
        public static partial void ListFailed(ILogger logger, string resource, double delayMs, string reason);

        [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Informer for {Resource} synced with {Count} objects at version {ResourceVersion}")]
        public static partial void Synced(ILogger logger, string resource, int count, string resourceVersion);

        [LoggerMessage(EventId = 22, Level = LogLevel.Error, Message = "An event handler for {Resource} threw")]
        public static partial void HandlerFailed(ILogger logger, string resource, Exception exception);
    }
}
