using K8sGossip.Gossip.Blocks;
using K8sGossip.Gossip.Identity;
using K8sGossip.Sidecar.Deliver;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Sidecar.Peer;

/// <summary>
/// State transfer for a follower in gossip mode. Gossip does not push to a peer far behind, and the committer drops
/// blocks beyond its reorder window, so a follower that falls behind (a newcomer with an empty ledger, a restart, a
/// stall) would never catch up by gossip alone. While an organization peer is more than the threshold ahead, this
/// streams through Deliver (pipelined, verified, restarting at the committed height on a switch) from the peer that
/// <see cref="BlockSourcePolicy.Decide"/> names, and stops once the follower is back within the threshold, where gossip
/// takes over, or while it leads.
/// </summary>
internal sealed partial class FollowerCatchUp : IAsyncDisposable
{
    /// <summary>Evaluations within the threshold before the stream stops: blocks pushed while this peer was far behind
    /// were dropped, so gossip takes over only once the stream has carried the follower past them.</summary>
    private const int QuietChecksBeforeStop = 3;

    private readonly string _channel;
    private readonly Func<DeliverClient> _createClient;
    private readonly BlockCommitter _committer;
    private readonly Func<IReadOnlyList<PeerHeight>> _orgPeers;
    private readonly Func<PkiId, Uri?> _peerAddress;
    private readonly Func<bool> _isLeader;
    private readonly BlockSourceLoopOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RecentlyFailedPeers _failed;
    private readonly CancellationTokenSource _stop = new();
    private DeliverClient? _client;
    private PkiId? _source;
    private int _quietChecks;
    private Task _loop = Task.CompletedTask;

    public FollowerCatchUp(
        string channel,
        Func<DeliverClient> createClient,
        BlockCommitter committer,
        Func<IReadOnlyList<PeerHeight>> orgPeers,
        Func<PkiId, Uri?> peerAddress,
        Func<bool> isLeader,
        BlockSourceLoopOptions options,
        TimeProvider time,
        ILogger<FollowerCatchUp> logger)
    {
        _channel = channel;
        _createClient = createClient;
        _committer = committer;
        _orgPeers = orgPeers;
        _peerAddress = peerAddress;
        _isLeader = isLeader;
        _options = options;
        _time = time;
        _logger = logger;
        _failed = new RecentlyFailedPeers(options.FailedPeerMemory, time);
    }

    /// <summary>Starts checking, every <see cref="BlockSourceLoopOptions.EvaluationInterval"/>, whether to catch up.</summary>
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
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await StopClientAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        // A periodic timer waits without allocating: every idle channel of a peer runs this check.
        using var timer = new PeriodicTimer(_options.EvaluationInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    await EvaluateAsync().ConfigureAwait(false);
                }
#pragma warning disable CA1031 // One failed evaluation must not end catch-up for good (nor fault shutdown): logged, retried next interval.
                catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    Log.EvaluationFailed(_logger, _channel, ex);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task EvaluateAsync()
    {
        if (_isLeader())
        {
            // The leader pulls from the orderer; a stream it ran as a follower ends.
            _quietChecks = 0;
            await StopClientAsync().ConfigureAwait(false);
            return;
        }

        // With no orderer height known, the policy measures "far behind" against the highest org peer, and names the
        // highest peer within the threshold of it, staying with the current source while that one still qualifies.
        var own = _committer.CommittedHeight;
        var current = _source is { } source ? DeliverSource.FromPeer(source) : DeliverSource.Orderer;
        var (decision, inputs, address) = _failed.DecideReachable(
            new BlockSourceInputs(own, OrdererHeight: null, _orgPeers(), _options.Threshold, current, _failed.Current()),
            _peerAddress);

        if (address is null)
        {
            if (_client is not null && ++_quietChecks >= QuietChecksBeforeStop)
            {
                _quietChecks = 0;
                await StopClientAsync().ConfigureAwait(false);
            }

            return;
        }

        _quietChecks = 0;
        if (_client is not null && _source == decision.Peer)
        {
            return;
        }

        var endpoint = new BlockSourceEndpoint(decision, address);
        if (_client is null)
        {
            Log.CatchingUp(_logger, _channel, own, decision.Peer.Short, HeightOf(inputs.OrgPeers, decision.Peer));
            _client = _createClient();

            // Only the leader pulls from the orderer in gossip mode: a failed source peer is replaced by another peer at
            // the next check, or catch-up ends, instead of the client turning to the orderers.
            _client.FallsBackToOrderers = false;
            _client.SourceFailed += OnSourceFailed;
            _client.PointAt(endpoint);
            _client.Start();
        }
        else
        {
            _client.PointAt(endpoint);
        }

        _source = decision.Peer;
    }

    private static ulong HeightOf(IReadOnlyList<PeerHeight> peers, PkiId peer)
    {
        foreach (var p in peers)
        {
            if (p.PkiId == peer)
            {
                return p.Height;
            }
        }

        return 0;
    }

    private async Task StopClientAsync()
    {
        if (_client is { } client)
        {
            _client = null;
            _source = null;
            client.SourceFailed -= OnSourceFailed;
            await client.DisposeAsync().ConfigureAwait(false);
            Log.CaughtUp(_logger, _channel, _committer.CommittedHeight);
        }
    }

    private void OnSourceFailed(DeliverSourceFailure failure)
    {
        if (failure.Endpoint.Source.Kind == DeliverSourceKind.Peer)
        {
            _failed.Add(failure.Endpoint.Source.Peer);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6111, Level = LogLevel.Information, Message = "Channel {Channel}: far behind at height {Own}; catching up from peer {Peer} at height {PeerHeight}")]
        public static partial void CatchingUp(ILogger logger, string channel, ulong own, string peer, ulong peerHeight);

        [LoggerMessage(EventId = 6112, Level = LogLevel.Information, Message = "Channel {Channel}: catch-up stopped at height {Height}; gossip takes over")]
        public static partial void CaughtUp(ILogger logger, string channel, ulong height);

        [LoggerMessage(EventId = 6113, Level = LogLevel.Warning, Message = "Channel {Channel}: catch-up check failed; retrying at the next interval")]
        public static partial void EvaluationFailed(ILogger logger, string channel, Exception exception);
    }
}
