using K8sGossip.Operator.Planning;

namespace K8sGossip.Operator.Local.Status;

/// <summary>
/// Turns successive observations into successive statuses: remembers peers' PKI-IDs and last heights, which nodes were
/// ever alive, and the recent events. No I/O and no clock of its own: time comes with each observation.
/// </summary>
/// <remarks>Not thread-safe: one polling loop applies observations in order.</remarks>
internal sealed class NetworkStatusTracker
{
    private readonly NetworkPlan _plan;
    private readonly LatencyRecorder? _latency;
    private readonly PeerIdentityIndex _identities;
    private readonly NetworkEventLog _events;
    private readonly HashSet<string> _seenAlive = new(StringComparer.Ordinal);
    private NetworkStatus? _previous;

    /// <summary>Creates a tracker for <paramref name="plan"/>.</summary>
    /// <param name="plan">The network.</param>
    /// <param name="latency">Where block streams record latency; null to report none.</param>
    /// <param name="eventCapacity">How many events the status carries at most.</param>
    public NetworkStatusTracker(NetworkPlan plan, LatencyRecorder? latency = null, int eventCapacity = NetworkEventLog.DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _plan = plan;
        _latency = latency;
        _identities = new PeerIdentityIndex(plan);
        _events = new NetworkEventLog(eventCapacity);
    }

    /// <summary>The latest status; null before the first observation.</summary>
    public NetworkStatus? Latest => _previous;

    /// <summary>The status of a network nothing was read from yet: every node dead, every height zero.</summary>
    public static NetworkStatus Unobserved(NetworkPlan plan, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var observation = new NetworkObservation(at, OrdererReading.Silent, new Dictionary<string, PeerReading>(), new Dictionary<string, NodeProcessInfo>());
        return StatusProjection.Project(plan, observation, null, new PeerIdentityIndex(plan), null);
    }

    /// <summary>Applies one round's readings and returns the new status, with the events since the previous one.</summary>
    public NetworkStatus Apply(NetworkObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        foreach (var (name, reading) in observation.Peers)
        {
            if (reading is { Answered: true, PkiId: { } pkiId })
            {
                _identities.Learn(name, pkiId);
            }
        }

        Func<string, LatencySummary>? latency = _latency is null ? null : channel => _latency.Summarize(channel, observation.At);
        var status = StatusProjection.Project(_plan, observation, _previous, _identities, latency);
        _events.Add(NetworkEventDetector.Detect(_previous, status, _seenAlive, _plan.Orderer?.Name ?? "orderer"));
        status = status with { Events = _events.Snapshot() };
        _previous = status;
        return status;
    }
}
