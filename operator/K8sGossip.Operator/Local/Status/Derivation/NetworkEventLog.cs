namespace K8sGossip.Operator.Local.Status;

/// <summary>The most recent events, oldest first, bounded so a flapping network cannot grow it.</summary>
internal sealed class NetworkEventLog
{
    /// <summary>How many events are kept by default.</summary>
    public const int DefaultCapacity = 100;

    private readonly Queue<NetworkEvent> _events = new();
    private readonly int _capacity;

    /// <summary>Creates a log keeping the last <paramref name="capacity"/> events.</summary>
    public NetworkEventLog(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
    }

    /// <summary>Adds events, dropping the oldest beyond the capacity.</summary>
    public void Add(IEnumerable<NetworkEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            _events.Enqueue(e);
            if (_events.Count > _capacity)
            {
                _events.Dequeue();
            }
        }
    }

    /// <summary>A snapshot of the kept events, oldest first.</summary>
    public IReadOnlyList<NetworkEvent> Snapshot() => [.. _events];
}
