using K8sGossip.Kubernetes.Client;
using K8sGossip.Kubernetes.Diagnostics;
using K8sGossip.Kubernetes.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Kubernetes.Runtime;

/// <summary>Wires informers to a work queue and runs a reconciler over it with N workers.</summary>
/// <remarks>
/// Changes to the primary kind enqueue the object's own key; changes to owned kinds enqueue the key of their
/// controller owner. The controller starts its informers, waits for their caches, then reconciles. On
/// cancellation the queue stops, workers finish the key in hand, and the informers stop.
/// </remarks>
public sealed partial class Controller : IDisposable
{
    private readonly IReconciler _reconciler;
    private readonly ControllerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly List<IInformer> _informers = [];
    private ResourceDescriptor? _primary;

    /// <summary>Creates a controller; register informers with <see cref="For{T}"/> and <see cref="Owns{T}"/>, then run it.</summary>
    public Controller(IReconciler reconciler, ControllerOptions? options = null, TimeProvider? time = null, ILogger<Controller>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(reconciler);
        _reconciler = reconciler;
        _options = options ?? new ControllerOptions();
        _options.Validate();
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Queue = new WorkQueue<ObjectKey>(_time, WorkQueueRateLimiters.CreateDefault<ObjectKey>(_time, _options.Queue));
    }

    /// <summary>The queue of keys to reconcile; other sources (timers, other controllers) may add to it.</summary>
    public WorkQueue<ObjectKey> Queue { get; }

    /// <summary>Reconciles <typeparamref name="T"/> objects: every change enqueues the object's key.</summary>
    public Controller For<T>(Informer<T> informer)
        where T : KubeObject
    {
        ArgumentNullException.ThrowIfNull(informer);
        if (_primary is not null)
        {
            throw new InvalidOperationException($"Controller '{_options.Name}' already reconciles {_primary.Kind}; a controller has one primary kind.");
        }

        _primary = informer.Resource;
        return Watches(informer, value => [ObjectKey.Of(value)]);
    }

    /// <summary>Watches <typeparamref name="T"/> objects owned by the primary kind: a change enqueues the controller owner's key.</summary>
    public Controller Owns<T>(Informer<T> informer)
        where T : KubeObject
    {
        ArgumentNullException.ThrowIfNull(informer);
        var primary = _primary ?? throw new InvalidOperationException($"Controller '{_options.Name}': call For() before Owns().");
        return Watches(informer, value => OwnerKeys.ControllerOf(value, primary) is { } owner ? [owner] : []);
    }

    /// <summary>Watches any kind with a custom mapping from a changed object to the keys to reconcile.</summary>
    public Controller Watches<T>(Informer<T> informer, Func<T, IEnumerable<ObjectKey>> map)
        where T : KubeObject
    {
        ArgumentNullException.ThrowIfNull(informer);
        ArgumentNullException.ThrowIfNull(map);
        void Enqueue(T value)
        {
            foreach (var key in map(value))
            {
                Queue.Add(key);
            }
        }

        informer.AddHandler(new ResourceEventHandler<T>
        {
            Added = Enqueue,
            Updated = (previous, current) =>
            {
                Enqueue(previous);
                Enqueue(current);
            },
            Deleted = Enqueue,
        });
        if (!_informers.Contains(informer))
        {
            _informers.Add(informer);
        }

        return this;
    }

    /// <summary>Runs informers and workers until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <exception cref="TimeoutException">The informer caches did not sync within <see cref="ControllerOptions.CacheSyncTimeout"/>.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var informersStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var informerTasks = _informers.Select(i => i.RunAsync(informersStop.Token)).ToList();
        try
        {
            await WaitForCachesAsync(cancellationToken);
            Log.Started(_logger, _options.Name, _options.Workers);
            var workers = Enumerable.Range(0, _options.Workers).Select(_ => WorkerAsync(cancellationToken)).ToList();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Normal shutdown.
            }

            Queue.ShutDown();
            await Task.WhenAll(workers);
            Log.Stopped(_logger, _options.Name);
        }
        finally
        {
            Queue.ShutDown();
            await informersStop.CancelAsync();
            await Task.WhenAll(informerTasks);
        }
    }

    /// <inheritdoc />
    public void Dispose() => Queue.Dispose();

    private async Task WaitForCachesAsync(CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_options.CacheSyncTimeout, _time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await Task.WhenAll(_informers.Select(i => i.WaitForSyncAsync(timeout.Token)));
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            var missing = string.Join(", ", _informers.Where(i => !i.HasSynced).Select(i => i.Resource.QualifiedPlural));
            throw new TimeoutException($"Controller '{_options.Name}': caches of {missing} did not sync within {_options.CacheSyncTimeout}; check RBAC list/watch permissions and API reachability.", ex);
        }
    }

    private async Task WorkerAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var work = await Queue.GetAsync(CancellationToken.None);
            if (work.IsShutdown)
            {
                return;
            }

            try
            {
                if (!cancellationToken.IsCancellationRequested)
                {
                    await ReconcileOnceAsync(work.Item, cancellationToken);
                }
            }
            finally
            {
                Queue.Done(work.Item);
            }
        }
    }

    private async Task ReconcileOnceAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _reconciler.ReconcileAsync(key, cancellationToken);
            Queue.Forget(key);
            if (result.RequeueAfterDelay is { } delay)
            {
                Queue.AddAfter(key, delay);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down; the next leader or start reconciles this key again.
        }
        catch (TerminalReconcileException ex)
        {
            Queue.Forget(key);
            KubernetesMetrics.ReconcileErrors.Add(1, new KeyValuePair<string, object?>("controller", _options.Name), new KeyValuePair<string, object?>("retried", false));
            Log.TerminalFailure(_logger, _options.Name, key.ToString(), ex.Message);
        }
#pragma warning disable CA1031 // Any reconcile failure becomes a rate-limited retry; the worker must survive it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Queue.AddRateLimited(key);
            KubernetesMetrics.ReconcileErrors.Add(1, new KeyValuePair<string, object?>("controller", _options.Name), new KeyValuePair<string, object?>("retried", true));
            Log.ReconcileFailed(_logger, _options.Name, key.ToString(), Queue.NumRequeues(key), ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Controller {Controller} started with {Workers} workers")]
        public static partial void Started(ILogger logger, string controller, int workers);

        [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "Controller {Controller} stopped")]
        public static partial void Stopped(ILogger logger, string controller);

        [LoggerMessage(EventId = 32, Level = LogLevel.Warning, Message = "Controller {Controller} failed to reconcile {Key} (retry {Retries})")]
        public static partial void ReconcileFailed(ILogger logger, string controller, string key, int retries, Exception exception);

        [LoggerMessage(EventId = 33, Level = LogLevel.Error, Message = "Controller {Controller} gave up on {Key}: {Reason}")]
        public static partial void TerminalFailure(ILogger logger, string controller, string key, string reason);
    }
}
