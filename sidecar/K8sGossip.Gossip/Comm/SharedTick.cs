namespace K8sGossip.Gossip.Comm;

/// <summary>
/// One timer that runs many registered checks under a node's gate, each period. A peer on many channels runs the same
/// frequent check for each (the election's state check every 100 ms); with a timer apiece, an idle peer on 150 channels
/// woke its thread pool 1,500 times a second, and the pool's spinning between those wake-ups cost more than the checks.
/// </summary>
internal sealed class SharedTick
{
    private readonly NodeContext _node;
    private readonly TimeSpan _period;
    private readonly ITimer _timer;
    private readonly Lock _lock = new();
    private Registration[] _registrations = [];

    public SharedTick(NodeContext node, TimeSpan period)
    {
        _node = node;
        _period = period;
        _timer = node.Time.CreateTimer(static state => ((SharedTick)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Runs <paramref name="action"/> on every tick until the returned handle is disposed.</summary>
    public IDisposable Add(string what, Action action, TimeSpan firstDue)
    {
        var registration = new Registration(this, what, action);
        lock (_lock)
        {
            _registrations = [.. _registrations, registration];
            if (_registrations.Length == 1)
            {
                _timer.Change(firstDue, _period);
            }
        }

        return registration;
    }

    private void Remove(Registration registration)
    {
        lock (_lock)
        {
            _registrations = Array.FindAll(_registrations, r => r != registration);
            if (_registrations.Length == 0)
            {
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan); // nothing to check: no wake-ups at all
            }
        }
    }

    private void Fire()
    {
        var registrations = Volatile.Read(ref _registrations);
        lock (_node.Gate)
        {
            foreach (var registration in registrations)
            {
                // A check may stop another (a channel left in one check); a stopped one does not run again.
                if (!registration.Removed)
                {
                    _node.Invoke(registration.What, registration.Action);
                }
            }
        }
    }

    private sealed class Registration(SharedTick owner, string what, Action action) : IDisposable
    {
        public string What { get; } = what;

        public Action Action { get; } = action;

        private volatile bool _removed;

        public bool Removed => _removed;

        public void Dispose()
        {
            if (!_removed)
            {
                _removed = true;
                owner.Remove(this);
            }
        }
    }
}
