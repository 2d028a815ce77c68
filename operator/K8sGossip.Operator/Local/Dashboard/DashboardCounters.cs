namespace K8sGossip.Operator.Local.Dashboard;

/// <summary>What the dashboard refused or could not answer, and how many pages follow it live.</summary>
internal sealed class DashboardCounters
{
    private long _foreignHostRequests;
    private long _statusFailures;
    private long _refusedEventStreams;
    private int _openEventStreams;

    /// <summary>Requests refused because their Host header named something other than this machine's loopback.</summary>
    public long ForeignHostRequests => Interlocked.Read(ref _foreignHostRequests);

    /// <summary>Times the status source threw instead of giving a snapshot.</summary>
    public long StatusFailures => Interlocked.Read(ref _statusFailures);

    /// <summary>Event streams refused because <see cref="DashboardOptions.MaxEventStreams"/> were already open.</summary>
    public long RefusedEventStreams => Interlocked.Read(ref _refusedEventStreams);

    /// <summary>Event streams open right now.</summary>
    public int OpenEventStreams => Volatile.Read(ref _openEventStreams);

    /// <summary>Counts a refused foreign host; returns the new total.</summary>
    public long CountForeignHost() => Interlocked.Increment(ref _foreignHostRequests);

    /// <summary>Counts a status source failure; returns the new total.</summary>
    public long CountStatusFailure() => Interlocked.Increment(ref _statusFailures);

    /// <summary>Opens a stream slot unless <paramref name="limit"/> are taken; a refusal is counted.</summary>
    public bool TryOpenEventStream(int limit)
    {
        while (true)
        {
            var open = Volatile.Read(ref _openEventStreams);
            if (open >= limit)
            {
                Interlocked.Increment(ref _refusedEventStreams);
                return false;
            }

            if (Interlocked.CompareExchange(ref _openEventStreams, open + 1, open) == open)
            {
                return true;
            }
        }
    }

    /// <summary>Frees a slot taken by <see cref="TryOpenEventStream"/>.</summary>
    public void CloseEventStream() => Interlocked.Decrement(ref _openEventStreams);
}
