namespace K8sGossip.Operator.Local.Status;

/// <summary>
/// Decides when a repeated failure is worth a log line: the first time a source fails with a cause, again when its cause
/// changes, and otherwise at most once per interval (with how many were left out), so a dead peer polled every second
/// does not flood the log.
/// </summary>
/// <remarks>Thread-safe: peers are polled concurrently.</remarks>
internal sealed class FailureLogGate
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _failing = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;

    /// <summary>Creates a gate that repeats a log line for the same cause at most once per <paramref name="interval"/>.</summary>
    public FailureLogGate(TimeProvider time, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _time = time;
        _interval = interval;
    }

    /// <summary>Records a failure of <paramref name="source"/>; true when it should be logged, with the failures left out since the last line.</summary>
    public bool Fail(string source, string cause, out int suppressed)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_failing.TryGetValue(source, out var entry) && entry.Cause == cause && now - entry.LoggedAt < _interval)
            {
                entry.Suppressed++;
                suppressed = 0;
                return false;
            }

            suppressed = entry is not null && entry.Cause == cause ? entry.Suppressed : 0;
            _failing[source] = new Entry(cause, now);
            return true;
        }
    }

    /// <summary>Records that <paramref name="source"/> works; true when it had failed, so its recovery is worth one line.</summary>
    public bool Recover(string source)
    {
        lock (_gate)
        {
            return _failing.Remove(source);
        }
    }

    private sealed class Entry(string cause, DateTimeOffset loggedAt)
    {
        public string Cause { get; } = cause;

        public DateTimeOffset LoggedAt { get; } = loggedAt;

        public int Suppressed { get; set; }
    }
}
