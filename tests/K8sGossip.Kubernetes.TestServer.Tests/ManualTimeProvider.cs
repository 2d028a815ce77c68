namespace K8sGossip.Kubernetes.TestServer.Tests;

/// <summary>A clock that moves only when the test advances it; timers fire during <see cref="Advance"/>.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock sync = new();
    private readonly List<ManualTimer> timers = [];
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (sync)
        {
            return now;
        }
    }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (sync)
        {
            now += by;
            due = [.. timers.Where(t => t.DueAt is { } at && at <= now)];
        }

        foreach (var timer in due)
        {
            timer.Fire(now);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        lock (sync)
        {
            timers.Add(timer);
        }

        return timer;
    }

    private void Forget(ManualTimer timer)
    {
        lock (sync)
        {
            timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset? DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            this.period = period;
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : owner.GetUtcNow() + dueTime;
            return true;
        }

        public void Fire(DateTimeOffset at)
        {
            DueAt = period > TimeSpan.Zero && period != Timeout.InfiniteTimeSpan ? at + period : null;
            callback(state);
        }

        public void Dispose() => owner.Forget(this);

        public ValueTask DisposeAsync()
        {
            owner.Forget(this);
            return ValueTask.CompletedTask;
        }
    }
}
