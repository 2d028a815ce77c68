namespace K8sGossip.Kubernetes.Runtime;

/// <summary>A deduplicating, rate-limited work queue with client-go semantics.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>An item queued many times before a worker takes it is processed once.</item>
/// <item>An item is never handed to two workers at once: re-added while processing, it is marked dirty and
/// queued again when the worker calls <see cref="Done"/>, so it is processed exactly once more.</item>
/// <item><see cref="AddRateLimited"/> delays by the rate limiter (per-item exponential backoff plus an overall
/// token bucket); <see cref="Forget"/> resets the item's backoff after a success.</item>
/// <item>All waiting is on the injected <see cref="TimeProvider"/>, so tests run in virtual time.</item>
/// </list>
/// </remarks>
/// <typeparam name="T">The item type, typically <see cref="ObjectKey"/>.</typeparam>
public sealed class WorkQueue<T> : IDisposable
    where T : notnull
{
    private readonly Lock _gate = new();
    private readonly Queue<T> _queue = new();
    private readonly HashSet<T> _dirty = [];
    private readonly HashSet<T> _processing = [];
    private readonly LinkedList<TaskCompletionSource<WorkItem<T>>> _waiters = new();
    private readonly Dictionary<T, (long Due, ITimer Timer)> _delayed = [];
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IWorkQueueRateLimiter<T> _limiter;
    private readonly TimeProvider _time;
    private bool _shuttingDown;

    /// <summary>Creates a queue.</summary>
    /// <param name="time">The clock for delayed adds; the system clock when null.</param>
    /// <param name="limiter">The retry pacing; client-go's default combination when null.</param>
    public WorkQueue(TimeProvider? time = null, IWorkQueueRateLimiter<T>? limiter = null)
    {
        _time = time ?? TimeProvider.System;
        _limiter = limiter ?? WorkQueueRateLimiters.CreateDefault<T>(_time);
    }

    /// <summary>Items waiting to be taken (not counting delayed or in-process items).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Items waiting for a delayed or rate-limited add to become due.</summary>
    public int DelayedCount
    {
        get
        {
            lock (_gate)
            {
                return _delayed.Count;
            }
        }
    }

    /// <summary>True once <see cref="ShutDown"/> was called.</summary>
    public bool IsShuttingDown
    {
        get
        {
            lock (_gate)
            {
                return _shuttingDown;
            }
        }
    }

    /// <summary>Queues <paramref name="item"/> unless it is already queued; ignored after shutdown.</summary>
    public void Add(T item)
    {
        lock (_gate)
        {
            if (_shuttingDown || !_dirty.Add(item) || _processing.Contains(item))
            {
                return;
            }

            EnqueueLocked(item);
        }
    }

    /// <summary>Queues <paramref name="item"/> after <paramref name="delay"/>; an earlier pending delay for it wins.</summary>
    public void AddAfter(T item, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }

        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            var due = _time.GetTimestamp() + (long)(delay.TotalSeconds * _time.TimestampFrequency);
            if (_delayed.TryGetValue(item, out var pending))
            {
                if (pending.Due <= due)
                {
                    return;
                }

                pending.Timer.Dispose();
            }

            var timer = _time.CreateTimer(static state => ((DelayedAdd)state!).Fire(), new DelayedAdd(this, item, due), delay, Timeout.InfiniteTimeSpan);
            _delayed[item] = (due, timer);
        }
    }

    /// <summary>Queues <paramref name="item"/> after its rate-limited backoff; each call counts as one failure.</summary>
    public void AddRateLimited(T item) => AddAfter(item, _limiter.When(item));

    /// <summary>Resets <paramref name="item"/>'s backoff; call after it was processed successfully.</summary>
    public void Forget(T item) => _limiter.Forget(item);

    /// <summary>How many rate-limited retries <paramref name="item"/> has had since it was last forgotten.</summary>
    public int NumRequeues(T item) => _limiter.NumRequeues(item);

    /// <summary>Waits for an item; after shutdown, hands out what is left and then the shutdown signal.</summary>
    public Task<WorkItem<T>> GetAsync(CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<WorkItem<T>> waiter;
        LinkedListNode<TaskCompletionSource<WorkItem<T>>> node;
        lock (_gate)
        {
            if (_queue.TryDequeue(out var item))
            {
                _dirty.Remove(item);
                _processing.Add(item);
                return Task.FromResult(new WorkItem<T>(item, false));
            }

            if (_shuttingDown)
            {
                return Task.FromResult(new WorkItem<T>(default!, true));
            }

            cancellationToken.ThrowIfCancellationRequested();
            waiter = new TaskCompletionSource<WorkItem<T>>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiters.AddLast(waiter);
        }

        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() =>
            {
                lock (_gate)
                {
                    if (node.List is not null && waiter.TrySetCanceled(cancellationToken))
                    {
                        _waiters.Remove(node);
                    }
                }
            });
            _ = waiter.Task.ContinueWith(static (_, r) => ((CancellationTokenRegistration)r!).Dispose(), registration, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return waiter.Task;
    }

    /// <summary>Marks <paramref name="item"/> processed; if it was re-added meanwhile it is queued again now.</summary>
    public void Done(T item)
    {
        lock (_gate)
        {
            if (!_processing.Remove(item))
            {
                return;
            }

            if (_dirty.Contains(item))
            {
                EnqueueLocked(item);
            }

            CompleteDrainIfIdleLocked();
        }
    }

    /// <summary>Stops accepting items and cancels delayed adds; workers still receive what is queued, then the shutdown signal.</summary>
    public void ShutDown()
    {
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            _shuttingDown = true;
            foreach (var pending in _delayed.Values)
            {
                pending.Timer.Dispose();
            }

            _delayed.Clear();
            foreach (var waiter in _waiters)
            {
                waiter.TrySetResult(new WorkItem<T>(default!, true));
            }

            _waiters.Clear();
            CompleteDrainIfIdleLocked();
        }
    }

    /// <summary>Shuts down and waits until every queued and in-process item is done.</summary>
    public Task ShutDownWithDrainAsync(CancellationToken cancellationToken = default)
    {
        ShutDown();
        return _drained.Task.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => ShutDown();

    private void EnqueueLocked(T item)
    {
        while (_waiters.First is { } node)
        {
            _waiters.RemoveFirst();
            _dirty.Remove(item);
            _processing.Add(item);
            if (node.Value.TrySetResult(new WorkItem<T>(item, false)))
            {
                return;
            }

            _processing.Remove(item);
            _dirty.Add(item);
        }

        _queue.Enqueue(item);
    }

    private void CompleteDrainIfIdleLocked()
    {
        if (_shuttingDown && _processing.Count == 0 && _queue.Count == 0)
        {
            _drained.TrySetResult();
        }
    }

    private sealed class DelayedAdd(WorkQueue<T> queue, T item, long due)
    {
        public void Fire()
        {
            lock (queue._gate)
            {
                if (!queue._delayed.TryGetValue(item, out var pending) || pending.Due != due)
                {
                    return;
                }

                queue._delayed.Remove(item);
                pending.Timer.Dispose();
            }

            queue.Add(item);
        }
    }
}
