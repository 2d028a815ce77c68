using K8sGossip.Gossip.Blocks;
using K8sGossip.Gossip.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Sidecar.Deliver;

/// <summary>
/// The adaptive mode's source loop: evaluates <see cref="BlockSourcePolicy.Decide"/> continuously (every
/// <see cref="BlockSourceLoopOptions.EvaluationInterval"/> and at once after a source error) from the own committed
/// height, the orderer's height (from the orderer's stream and head probes), the org peers' heights (supplied by the
/// channel layer) and the peers that failed recently, and points the running <see cref="DeliverClient"/> at the
/// chosen source. The client restarts at the committed height on every switch, so no block is lost or duplicated.
/// </summary>
public sealed partial class BlockSourceLoop : IAsyncDisposable
{
    private readonly DeliverClient _client;
    private readonly BlockCommitter _committer;
    private readonly OrdererHeightProbe _probe;
    private readonly Func<IReadOnlyList<PeerHeight>> _orgPeers;
    private readonly Func<PkiId, Uri?> _peerAddress;
    private readonly BlockSourceLoopOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly RecentlyFailedPeers _failed;
    private readonly List<DeliverSource> _decisions = [];
    private readonly CancellationTokenSource _stop = new();
    private DeliverSource _current = DeliverSource.Orderer;
    private ulong? _ordererHeight;
    private long _lastProbe;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loop = Task.CompletedTask;

    /// <summary>Creates a loop steering <paramref name="client"/>. <paramref name="orgPeers"/> gives the live org peers'
    /// heights in the channel; <paramref name="peerAddress"/> the Deliver address of a peer (null if unknown).</summary>
    public BlockSourceLoop(
        DeliverClient client,
        BlockCommitter committer,
        OrdererHeightProbe probe,
        Func<IReadOnlyList<PeerHeight>> orgPeers,
        Func<PkiId, Uri?> peerAddress,
        BlockSourceLoopOptions options,
        TimeProvider time,
        ILogger<BlockSourceLoop>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(committer);
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(orgPeers);
        ArgumentNullException.ThrowIfNull(peerAddress);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        _client = client;
        _committer = committer;
        _probe = probe;
        _orgPeers = orgPeers;
        _peerAddress = peerAddress;
        _options = options;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _failed = new RecentlyFailedPeers(options.FailedPeerMemory, time);
        _client.ServerHeightObserved += OnServerHeight;
        _client.SourceFailed += OnSourceFailed;
    }

    /// <summary>The orderer's height as last seen, or null before the first probe answers.</summary>
    public ulong? OrdererHeight
    {
        get
        {
            lock (_lock)
            {
                return _ordererHeight;
            }
        }
    }

    /// <summary>The sources the loop decided on, in order (the first decision, then every change).</summary>
    public IReadOnlyList<DeliverSource> Decisions
    {
        get
        {
            lock (_lock)
            {
                return [.. _decisions];
            }
        }
    }

    /// <summary>Raised when the loop switches the client to another source.</summary>
    public event Action<DeliverSource>? SourceChanged;

    /// <summary>Learns the orderer's height, makes the first decision, starts the client and keeps re-evaluating.</summary>
    public void Start()
    {
        if (_loop.IsCompleted)
        {
            _loop = Task.Run(() => RunAsync(_stop.Token));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _client.ServerHeightObserved -= OnServerHeight;
        _client.SourceFailed -= OnSourceFailed;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await ProbeAsync(ct).ConfigureAwait(false);
            Evaluate(first: true);
            _client.Start();
            while (!ct.IsCancellationRequested)
            {
                await WaitAsync(ct).ConfigureAwait(false);
                bool streamingFromOrderer;
                lock (_lock)
                {
                    streamingFromOrderer = _current.Kind == DeliverSourceKind.Orderer;
                }

                if (!streamingFromOrderer && _time.GetElapsedTime(_lastProbe) >= _options.OrdererProbeInterval)
                {
                    await ProbeAsync(ct).ConfigureAwait(false);
                }

                Evaluate(first: false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task WaitAsync(CancellationToken ct)
    {
        var wake = Volatile.Read(ref _wake);
        try
        {
            await wake.Task.WaitAsync(_options.EvaluationInterval, _time, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The regular evaluation.
        }

        if (wake.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), wake);
        }
    }

    private async Task ProbeAsync(CancellationToken ct)
    {
        _lastProbe = _time.GetTimestamp();
        if (await _probe.ProbeAsync(ct).ConfigureAwait(false) is { } height)
        {
            RaiseOrdererHeight(height);
        }
    }

    private void Evaluate(bool first)
    {
        BlockSourceInputs current;
        lock (_lock)
        {
            current = new BlockSourceInputs(_committer.CommittedHeight, _ordererHeight, _orgPeers(), _options.Threshold, _current, _failed.Current());
        }

        var (decision, inputs, address) = _failed.DecideReachable(current, _peerAddress);

        lock (_lock)
        {
            if (!first && decision == _current)
            {
                return;
            }

            _current = decision;
            _decisions.Add(decision);
        }

        Log.Decided(_logger, _client.Channel, decision.ToString(), inputs.OwnHeight, inputs.OrdererHeight ?? 0, inputs.Threshold);
        if (decision.Kind == DeliverSourceKind.Orderer)
        {
            _client.PointAtFallbacks();
        }
        else
        {
            _client.PointAt(new BlockSourceEndpoint(decision, address!));
        }

        SourceChanged?.Invoke(decision);
    }

    private void OnServerHeight(BlockSourceEndpoint endpoint, ulong height)
    {
        if (endpoint.Source.Kind == DeliverSourceKind.Orderer)
        {
            RaiseOrdererHeight(height);
        }
    }

    private void RaiseOrdererHeight(ulong height)
    {
        lock (_lock)
        {
            if (_ordererHeight is not { } known || height > known)
            {
                _ordererHeight = height;
            }
        }
    }

    private void OnSourceFailed(DeliverSourceFailure failure)
    {
        lock (_lock)
        {
            if (failure.Endpoint.Source.Kind == DeliverSourceKind.Peer)
            {
                _failed.Add(failure.Endpoint.Source.Peer);

                // The client has fallen back to the orderers by itself.
                if (_current == failure.Endpoint.Source)
                {
                    _current = DeliverSource.Orderer;
                }
            }
        }

        Volatile.Read(ref _wake).TrySetResult();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5121, Level = LogLevel.Information,
            Message = "Channel {Channel}: block source {Source} (own height {Own}, orderer height {Orderer}, threshold {Threshold})")]
        public static partial void Decided(ILogger logger, string channel, string source, ulong own, ulong orderer, ulong threshold);
    }
}
