using K8sGossip.Operator.Planning;

namespace K8sGossip.Operator.Local.Status;

/// <summary>
/// The I/O of one observation round: the orderer's admin status and every peer's local API, all at once, plus what the
/// local network knows of each process. Nodes are read concurrently, so a round takes about one call timeout at most,
/// however many nodes are down.
/// </summary>
internal sealed class NetworkReader : IDisposable
{
    /// <summary>How long one call of a polling round may take before its node counts as not answering.</summary>
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a call may take on first contact (a one-shot observation, or the first round of a loop): the first
    /// call of a freshly started process includes compiling its client code, which can take more than a second on a
    /// loaded machine and would show a healthy node as dead.
    /// </summary>
    public static readonly TimeSpan FirstContactTimeout = TimeSpan.FromSeconds(5);

    private readonly NetworkPlan _plan;
    private readonly INodeProcesses _processes;
    private readonly TimeProvider _time;
    private readonly ObserverDiagnostics _diagnostics;
    private readonly OrdererStatusReader? _orderer;
    private readonly Dictionary<string, PeerPoller> _peers;

    /// <summary>Creates pollers for every node of <paramref name="plan"/>; nothing is contacted until <see cref="ReadAsync"/>.</summary>
    public NetworkReader(NetworkPlan plan, INodeProcesses processes, TimeProvider time, ObserverDiagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(processes);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(diagnostics);
        _plan = plan;
        _processes = processes;
        _time = time;
        _diagnostics = diagnostics;
        var connectTimeout = DefaultCallTimeout;
        _orderer = plan.Orderer is null ? null : new OrdererStatusReader(plan.Orderer.AdminEndpoint, time, connectTimeout, diagnostics);
        _peers = plan.Peers.ToDictionary(p => p.Name, p => new PeerPoller(p, time, connectTimeout, diagnostics), StringComparer.Ordinal);
    }

    /// <summary>The poller of a peer, whose channel block streams share.</summary>
    public PeerPoller Poller(string peer) => _peers[peer];

    /// <summary>Reads every node once, each call allowed <paramref name="callTimeout"/>. Never throws but for cancellation.</summary>
    public async Task<NetworkObservation> ReadAsync(TimeSpan callTimeout, CancellationToken ct)
    {
        var orderer = _orderer is null ? Task.FromResult(OrdererReading.Silent) : _orderer.ReadAsync(callTimeout, ct);
        var peers = _peers.Values.Select(async p => (p.Name, Reading: await p.PollAsync(callTimeout, ct).ConfigureAwait(false))).ToArray();
        await Task.WhenAll([orderer, .. peers]).ConfigureAwait(false);

        var readings = new Dictionary<string, PeerReading>(StringComparer.Ordinal);
        foreach (var peer in peers)
        {
            var (name, reading) = await peer.ConfigureAwait(false);
            readings[name] = reading;
        }

        return new NetworkObservation(_time.GetUtcNow(), await orderer.ConfigureAwait(false), readings, Processes());
    }

    /// <summary>Closes every connection.</summary>
    public void Dispose()
    {
        _orderer?.Dispose();
        foreach (var peer in _peers.Values)
        {
            peer.Dispose();
        }
    }

    private Dictionary<string, NodeProcessInfo> Processes()
    {
        var processes = new Dictionary<string, NodeProcessInfo>(StringComparer.Ordinal);
        var names = _plan.Peers.Select(p => p.Name).Prepend(_plan.Orderer?.Name ?? "orderer");
        foreach (var name in names)
        {
            try
            {
                if (_processes.Find(name) is { } info)
                {
                    processes[name] = info;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _diagnostics.ProcessesFailed(name, e);
            }
        }

        return processes;
    }
}
