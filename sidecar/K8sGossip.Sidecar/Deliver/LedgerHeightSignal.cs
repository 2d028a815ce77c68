namespace K8sGossip.Sidecar.Deliver;

/// <summary>A height that only grows, with waiters woken when it reaches what they wait for (no polling).</summary>
public sealed class LedgerHeightSignal
{
    private readonly Lock _lock = new();
    private readonly List<Waiter> _waiters = [];
    private ulong _height;

    /// <summary>Starts at <paramref name="height"/>.</summary>
    public LedgerHeightSignal(ulong height) => _height = height;

    /// <summary>The current height.</summary>
    public ulong Height => Volatile.Read(ref _height);

    /// <summary>Raises the height (a lower value is ignored) and wakes the waiters it satisfies.</summary>
    public void Publish(ulong height)
    {
        List<Waiter>? done = null;
        lock (_lock)
        {
            if (height <= _height)
            {
                return;
            }

            Volatile.Write(ref _height, height);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Height <= height)
                {
                    (done ??= []).Add(_waiters[i]);
                    _waiters.RemoveAt(i);
                }
            }
        }

        if (done is not null)
        {
            foreach (var waiter in done)
            {
                waiter.Complete();
            }
        }
    }

    /// <summary>Completes once the height reaches <paramref name="height"/>; cancelling removes the waiter.</summary>
    public Task WaitForHeightAsync(ulong height, CancellationToken ct)
    {
        Waiter waiter;
        lock (_lock)
        {
            if (_height >= height)
            {
                return Task.CompletedTask;
            }

            ct.ThrowIfCancellationRequested();
            waiter = new Waiter(height);
            _waiters.Add(waiter);
        }

        if (ct.CanBeCanceled)
        {
            waiter.Registration = ct.Register(() =>
            {
                lock (_lock)
                {
                    _waiters.Remove(waiter);
                }

                waiter.Cancel(ct);
            });
        }

        return waiter.Task;
    }

    private sealed class Waiter(ulong height)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ulong Height { get; } = height;

        public CancellationTokenRegistration Registration { get; set; }

        public Task Task => _done.Task;

        public void Complete()
        {
            _done.TrySetResult();
            Registration.Dispose();
        }

        public void Cancel(CancellationToken ct) => _done.TrySetCanceled(ct);
    }
}
