namespace K8sGossip.Gossip.Simulation;

/// <summary>
/// A clock that moves only when the simulation says so. Timers are events in one priority queue, run in
/// (due time, creation order) order on the caller's thread, so the same seed always gives the same run.
/// </summary>
public sealed class VirtualTimeProvider : TimeProvider
{
    private readonly PriorityQueue<ScheduledEvent, (long Due, long Seq)> _queue = new();
    private readonly DateTimeOffset _epoch;
    private long _nowTicks;
    private long _seq;

    /// <summary>Creates a clock that starts at <paramref name="epoch"/> (default: 2026-01-01 UTC).</summary>
    public VirtualTimeProvider(DateTimeOffset? epoch = null) =>
        _epoch = epoch ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Time elapsed since the start of the simulation.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(_nowTicks);

    /// <summary>Events waiting to run.</summary>
    public int PendingEvents => _queue.Count;

    /// <summary>Events run so far.</summary>
    public long EventsRun { get; private set; }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _epoch + Elapsed;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override long GetTimestamp() => _nowTicks;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Runs <paramref name="action"/> after <paramref name="delay"/> of virtual time.</summary>
    public void Schedule(TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Enqueue(new ScheduledEvent(action, null, 0), delay);
    }

    /// <summary>Runs every event due up to <see cref="Elapsed"/> + <paramref name="duration"/>, then sets the clock there.</summary>
    public void Advance(TimeSpan duration) => RunUntil(Elapsed + duration);

    /// <summary>Runs every event due up to <paramref name="until"/> (elapsed time), then sets the clock there.</summary>
    public void RunUntil(TimeSpan until)
    {
        var limit = until.Ticks;
        while (_queue.TryPeek(out _, out var key) && key.Due <= limit)
        {
            RunNext();
        }

        if (limit > _nowTicks)
        {
            _nowTicks = limit;
        }
    }

    /// <summary>Runs events until <paramref name="condition"/> holds or <paramref name="timeout"/> of virtual time
    /// passes. Returns whether the condition held. The condition is checked after each event.</summary>
    public bool RunUntil(Func<bool> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = _nowTicks + timeout.Ticks;
        while (!condition())
        {
            if (!_queue.TryPeek(out _, out var key) || key.Due > limit)
            {
                _nowTicks = Math.Max(_nowTicks, limit);
                return condition();
            }

            RunNext();
        }

        return true;
    }

    private void RunNext()
    {
        var ev = _queue.Dequeue();
        if (ev.Timer is not null && ev.Timer.Generation != ev.Generation)
        {
            return; // rescheduled or disposed since this event was queued
        }

        _nowTicks = Math.Max(_nowTicks, ev.Due);

        EventsRun++;
        ev.Action();
    }

    private void Enqueue(ScheduledEvent ev, TimeSpan delay)
    {
        var due = _nowTicks + Math.Max(0, delay.Ticks);
        ev.Due = due;
        _queue.Enqueue(ev, (due, _seq++));
    }

    private sealed class ScheduledEvent(Action action, VirtualTimer? timer, long generation)
    {
        public Action Action { get; } = action;
        public VirtualTimer? Timer { get; } = timer;
        public long Generation { get; } = generation;
        public long Due { get; set; }
    }

    private sealed class VirtualTimer(VirtualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;
        private bool _disposed;

        public long Generation { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed)
            {
                return false;
            }

            Generation++;
            _period = period;
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                Arm(dueTime);
            }

            return true;
        }

        private void Arm(TimeSpan due)
        {
            var generation = Generation;
            owner.Enqueue(new ScheduledEvent(Fire, this, generation), due);
        }

        private void Fire()
        {
            if (_disposed)
            {
                return;
            }

            if (_period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero)
            {
                Arm(_period);
            }

            callback(state);
        }

        public void Dispose()
        {
            _disposed = true;
            Generation++;
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
