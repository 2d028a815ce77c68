using K8sGossip.Gossip.Blocks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace K8sGossip.Sidecar.Deliver;

/// <summary>
/// Keeps a channel's ledger fed from a Deliver stream: opens a follow stream at the committed height, verifies every
/// block (signature and chain link) before handing it to the <see cref="BlockCommitter"/>, and keeps up to
/// <see cref="DeliverClientOptions.MaxBlocksInFlight"/> blocks in flight, so catch-up is a pipeline, not stop-and-wait.
/// On error it fails over across its fallback endpoints (the orderers) with exponential backoff and jitter; it can be
/// pointed at another source (an org peer for catch-up) at any time. Every new stream starts exactly at the committed
/// height once the blocks handed over before are durable, so switching neither loses nor duplicates a block.
/// </summary>
public sealed partial class DeliverClient : IAsyncDisposable
{
    private readonly BlockVerifier _verifier;
    private readonly BlockCommitter _committer;
    private readonly BlockStore _store;
    private readonly IReadOnlyList<BlockSourceEndpoint> _fallbacks;
    private readonly DeliverChannelPool _channels;
    private readonly DeliverClientOptions _options;
    private readonly int _maxInFlight;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly List<DeliverSource> _history = [];
    private readonly CancellationTokenSource _stop = new();
    private CancellationTokenSource? _attempt;
    private BlockSourceEndpoint? _preferred;
    private int _fallbackIndex;
    private bool _switchRequested;
    private ulong _submittedNext;
    private ulong? _serverHeight;
    private long _received;
    private DeliverClientStatus _status;
    private Task _loop = Task.CompletedTask;

    /// <summary>Creates a client for the channel of <paramref name="verifier"/>, feeding <paramref name="committer"/>
    /// (which commits into <paramref name="store"/>); <paramref name="fallbacks"/> are tried in turn (the orderers).</summary>
    public DeliverClient(
        BlockVerifier verifier,
        BlockCommitter committer,
        BlockStore store,
        IReadOnlyList<BlockSourceEndpoint> fallbacks,
        DeliverChannelPool channels,
        BlockOptions blockOptions,
        DeliverClientOptions options,
        TimeProvider time,
        Random random,
        ILogger<DeliverClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(committer);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(fallbacks);
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(blockOptions);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(random);
        options.Validate();
        if (fallbacks.Count == 0)
        {
            throw new ArgumentException("At least one fallback endpoint (an orderer) is required.", nameof(fallbacks));
        }

        _verifier = verifier;
        _committer = committer;
        _store = store;
        _fallbacks = [.. fallbacks];
        _channels = channels;
        _options = options;
        _maxInFlight = Math.Max(1, Math.Min(options.MaxBlocksInFlight, blockOptions.ReorderWindow - 1));
        _time = time;
        _random = random;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _status = new DeliverClientStatus(DeliverClientState.Idle, null, committer.CommittedHeight, null, 0, 0, null);
    }

    /// <summary>The channel.</summary>
    public string Channel => _verifier.Channel;

    /// <summary>Blocks refused by this client's verification, by reason.</summary>
    public BlockRejectionCounters Rejections { get; } = new();

    /// <summary>The latest status.</summary>
    public DeliverClientStatus Status => Volatile.Read(ref _status);

    /// <summary>The sources streams were opened to, in order (consecutive repeats collapsed).</summary>
    public IReadOnlyList<DeliverSource> SourceHistory
    {
        get
        {
            lock (_lock)
            {
                return [.. _history];
            }
        }
    }

    /// <summary>Raised (on the client's loop) when the status changes.</summary>
    public event Action<DeliverClientStatus>? StatusChanged;

    /// <summary>Raised (on the client's loop) when a source fails; a preferred source is then dropped for the fallbacks.</summary>
    public event Action<DeliverSourceFailure>? SourceFailed;

    /// <summary>Raised (on the client's loop) when a source shows a greater height than seen before: its head
    /// announcement, or a block beyond it.</summary>
    public event Action<BlockSourceEndpoint, ulong>? ServerHeightObserved;

    /// <summary>Starts the streaming loop.</summary>
    public void Start()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
            if (_loop.IsCompleted)
            {
                _loop = Task.Run(() => RunAsync(_stop.Token));
            }
        }
    }

    /// <summary>
    /// Whether the client turns to the fallback endpoints (the orderers) when the source it was pointed at fails. True
    /// by default; false for a follower's catch-up in gossip mode, where only the leader may pull from the orderer: the
    /// client then waits until it is pointed at another source.
    /// </summary>
    public bool FallsBackToOrderers { get; set; } = true;

    /// <summary>Streams from <paramref name="endpoint"/> from now on (until it fails, then from the fallbacks).</summary>
    public void PointAt(BlockSourceEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Redirect(endpoint);
    }

    /// <summary>Streams from the fallback endpoints (the orderers) from now on.</summary>
    public void PointAtFallbacks() => Redirect(null);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private void Redirect(BlockSourceEndpoint? endpoint)
    {
        CancellationTokenSource? attempt;
        lock (_lock)
        {
            if (Equals(_preferred, endpoint))
            {
                return;
            }

            _preferred = endpoint;
            _switchRequested = true;
            attempt = _attempt;
        }

        Log.Redirected(_logger, Channel, endpoint?.ToString() ?? "the fallback endpoints");
        try
        {
            attempt?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The attempt ended meanwhile; the loop reads the new target before its next one.
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            BlockSourceEndpoint? target;
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
            lock (_lock)
            {
                target = _preferred ?? (FallsBackToOrderers ? _fallbacks[_fallbackIndex % _fallbacks.Count] : null);
                _switchRequested = false;
                _attempt = attempt;
            }

            if (target is not { } endpoint)
            {
                await WaitForTargetAsync(attempt, ct).ConfigureAwait(false);
                continue;
            }

            var outcome = await StreamAsync(endpoint, attempt.Token).ConfigureAwait(false);
            switch (outcome.Kind)
            {
                case OutcomeKind.Stopped:
                    SetState(DeliverClientState.Stopped, endpoint, failures, outcome.Cause);
                    return;
                case OutcomeKind.Faulted:
                    SetState(DeliverClientState.Faulted, endpoint, failures, outcome.Cause);
                    Log.Faulted(_logger, Channel, outcome.Cause ?? string.Empty);
                    return;
                case OutcomeKind.Switched:
                    failures = 0;
                    continue;
            }

            failures = outcome.Progressed ? 1 : failures + 1;
            lock (_lock)
            {
                if (Equals(_preferred, endpoint))
                {
                    _preferred = null;
                }
                else if (_preferred is null)
                {
                    _fallbackIndex = (_fallbackIndex + 1) % _fallbacks.Count;
                }
            }

            Log.SourceFailed(_logger, Channel, endpoint.ToString(), outcome.Cause ?? string.Empty, failures);
            RaiseSourceFailed(new DeliverSourceFailure(endpoint, outcome.Cause ?? string.Empty, outcome.Rejection));
            SetState(DeliverClientState.BackingOff, endpoint, failures, outcome.Cause);
            await BackOffAsync(failures, attempt, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the client is pointed at a source (a redirect cancels <paramref name="attempt"/>) or stopped.</summary>
    private async Task WaitForTargetAsync(CancellationTokenSource attempt, CancellationToken ct)
    {
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, attempt.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Pointed at a new source.
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop ends.
        }
    }

    /// <summary>Waits before the next attempt: none after a first failure (another source is tried at once), then
    /// exponentially longer with full jitter. A redirect ends the wait early.</summary>
    private async Task BackOffAsync(int failures, CancellationTokenSource attempt, CancellationToken ct)
    {
        if (failures < 2)
        {
            return;
        }

        var exponent = Math.Min(failures - 2, 20);
        var ceiling = Math.Min(_options.MaxBackoff.TotalMilliseconds, _options.InitialBackoff.TotalMilliseconds * Math.Pow(2, exponent));
#pragma warning disable CA5394 // Jitter spreads reconnects; it protects nothing, so a seeded (reproducible) generator is right.
        var delay = TimeSpan.FromMilliseconds(ceiling * (0.5 + (0.5 * _random.NextDouble())));
#pragma warning restore CA5394
        try
        {
            await Task.Delay(delay, _time, attempt.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Redirected while waiting: the new source is tried at once.
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private void ObserveServerHeight(BlockSourceEndpoint endpoint, ulong height)
    {
        lock (_lock)
        {
            if (_serverHeight is { } known && known >= height)
            {
                return;
            }

            _serverHeight = height;
        }

        ServerHeightObserved?.Invoke(endpoint, height);
    }

    private void RaiseSourceFailed(DeliverSourceFailure failure)
    {
        try
        {
            SourceFailed?.Invoke(failure);
        }
#pragma warning disable CA1031 // An observer's failure must not stop block delivery; it is logged with its cause.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ObserverFailed(_logger, Channel, ex);
        }
    }

    private void SetState(DeliverClientState state, BlockSourceEndpoint endpoint, int failures, string? error)
    {
        DeliverClientStatus status;
        lock (_lock)
        {
            var previous = _status;
            status = new DeliverClientStatus(
                state,
                endpoint,
                _committer.CommittedHeight,
                _serverHeight,
                Interlocked.Read(ref _received),
                state is DeliverClientState.Streaming or DeliverClientState.Connecting ? previous.ConsecutiveFailures : failures,
                error ?? previous.LastError);
            if (previous.State == state && Equals(previous.Endpoint, endpoint) && previous.ConsecutiveFailures == status.ConsecutiveFailures)
            {
                Volatile.Write(ref _status, status);
                return;
            }

            Volatile.Write(ref _status, status);
        }

        try
        {
            StatusChanged?.Invoke(status);
        }
#pragma warning disable CA1031 // An observer's failure must not stop block delivery; it is logged with its cause.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ObserverFailed(_logger, Channel, ex);
        }
    }

    private enum OutcomeKind
    {
        Failed,
        Switched,
        Stopped,
        Faulted,
    }

    private readonly record struct StreamOutcome(OutcomeKind Kind, bool Progressed, string? Cause, BlockRejection? Rejection);

    private static partial class Log
    {
        [LoggerMessage(EventId = 5111, Level = LogLevel.Information, Message = "Channel {Channel}: streaming blocks from {Source} starting at {Start}")]
        public static partial void Streaming(ILogger logger, string channel, string source, ulong start);

        [LoggerMessage(EventId = 5112, Level = LogLevel.Warning, Message = "Channel {Channel}: block source {Source} failed: {Cause} ({Failures} consecutive failures)")]
        public static partial void SourceFailed(ILogger logger, string channel, string source, string cause, int failures);

        [LoggerMessage(EventId = 5113, Level = LogLevel.Warning,
            Message = "Channel {Channel}: refused block {Number} from {Source}: {Reason} ({Detail}); {Count} refused for this reason so far")]
        public static partial void BadBlock(ILogger logger, string channel, ulong number, string source, BlockRejection reason, string detail, long count);

        [LoggerMessage(EventId = 5114, Level = LogLevel.Information, Message = "Channel {Channel}: block source switched to {Target}")]
        public static partial void Redirected(ILogger logger, string channel, string target);

        [LoggerMessage(EventId = 5115, Level = LogLevel.Warning,
            Message = "Channel {Channel}: blocks handed over up to {Submitted} were not all committed in time (committed height {Committed}); the next stream starts at the committed height")]
        public static partial void DrainTimedOut(ILogger logger, string channel, ulong submitted, ulong committed);

        [LoggerMessage(EventId = 5116, Level = LogLevel.Error, Message = "Channel {Channel}: block delivery stopped: {Cause}")]
        public static partial void Faulted(ILogger logger, string channel, string cause);

        [LoggerMessage(EventId = 5117, Level = LogLevel.Error, Message = "Channel {Channel}: an observer of the deliver client failed")]
        public static partial void ObserverFailed(ILogger logger, string channel, Exception exception);
    }
}
