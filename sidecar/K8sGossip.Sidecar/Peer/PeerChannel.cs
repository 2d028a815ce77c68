using K8sGossip.Gossip.Blocks;
using K8sGossip.Gossip.Channels;
using K8sGossip.Gossip.Election;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Node;
using K8sGossip.Gossip.Telemetry;
using K8sGossip.Sidecar.Configuration.Channels;
using K8sGossip.Sidecar.Configuration.Model;
using K8sGossip.Sidecar.Deliver;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Sidecar.Peer;

/// <summary>
/// One joined channel of a peer: its block store, verifier and committer, and the way blocks arrive by the channel's
/// mode: <c>direct</c> (a Deliver client to the orderer), <c>gossip</c> (the Deliver client runs only while this peer
/// leads its organization; committed blocks are then published to gossip), or <c>adaptive</c> (the block source loop).
/// </summary>
internal sealed partial class PeerChannel : IAsyncDisposable
{
    private readonly PeerChannelParts _parts;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly List<Task> _retiring = [];
    private GossipNode? _node;
    private ILeadership? _leadership;
    private DeliverClient? _client;
    private BlockSourceLoop? _sourceLoop;
    private FollowerCatchUp? _catchUp;
    private IDisposable? _heightLag;
    private long _cutOffSince;
    private bool _stopping;

    public PeerChannel(PeerChannelParts parts)
    {
        _parts = parts;
        _logger = parts.Loggers.CreateLogger<PeerChannel>();
    }

    public string Name => Definition.Name;

    public ChannelDefinition Definition => _parts.Definition;

    public BlockStore Store => _parts.Store;

    public BlockCommitter Committer => _parts.Committer;

    public BlockVerifier Verifier => _parts.Verifier;

    /// <summary>Whether this peer leads its organization in the channel (always false outside gossip mode).</summary>
    public bool IsLeader => _leadership?.IsLeader ?? false;

    /// <summary>The highest height of the channel this peer knows of from its block sources.</summary>
    public ulong? SourceHeight
    {
        get
        {
            lock (_lock)
            {
                return _sourceLoop?.OrdererHeight ?? _client?.Status.ServerHeight;
            }
        }
    }

    /// <summary>Connects the channel to the gossip node and chooses how blocks arrive.</summary>
    public void Attach(GossipNode node, ILeadership? leadership)
    {
        _node = node;
        _leadership = leadership;
        Committer.Committed += OnCommitted;
        if (leadership is not null)
        {
            leadership.LeadershipChanged += OnLeadershipChanged;
        }
    }

    /// <summary>Starts committing and receiving blocks.</summary>
    public void Start()
    {
        var node = _node ?? throw new InvalidOperationException("Attach the channel to a node first.");
        Committer.Start();
        node.UpdateLedgerHeight(Name, Committer.CommittedHeight);
        _heightLag = GossipMetrics.ObserveHeightLag(Name, HeightLag);
        switch (Definition.Dissemination)
        {
            case BlockDisseminationMode.Direct:
                lock (_lock)
                {
                    _client = CreateClient();
                    _client.Start();
                }

                break;
            case BlockDisseminationMode.Adaptive:
                _ = StartSourceLoopAsync();
                break;
            default:
                _leadership?.Start();
                if (_parts.StateTransferEnabled)
                {
                    StartCatchUp();
                }

                break;
        }
    }

    /// <summary>The block sources this channel chose, in order (adaptive mode), or the current one.</summary>
    public IReadOnlyList<string> SourceHistory
    {
        get
        {
            lock (_lock)
            {
                if (_sourceLoop is { } loop)
                {
                    return [.. loop.Decisions.Select(d => d.ToString())];
                }

                return _client?.Status.Endpoint is { } endpoint ? [endpoint.Source.ToString()] : [];
            }
        }
    }

    /// <summary>Stops pulling: a leader hands over first when <paramref name="handOver"/>.</summary>
    public async Task StopReceivingAsync(bool handOver)
    {
        _leadership?.Stop(handOver);
        DeliverClient? client;
        BlockSourceLoop? loop;
        FollowerCatchUp? catchUp;
        lock (_lock)
        {
            _stopping = true;
            client = _client;
            loop = _sourceLoop;
            catchUp = _catchUp;
            _client = null;
            _sourceLoop = null;
            _catchUp = null;
        }

        if (catchUp is not null)
        {
            await catchUp.DisposeAsync().ConfigureAwait(false);
        }

        if (loop is not null)
        {
            await loop.DisposeAsync().ConfigureAwait(false);
        }

        if (client is not null)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }

        Task[] retiring;
        lock (_lock)
        {
            retiring = [.. _retiring];
        }

        await Task.WhenAll(retiring).ConfigureAwait(false);
    }

    /// <summary>Waits (at most <paramref name="limit"/>) until the committer has made durable what it was handed: the
    /// committed height stops moving once the block sources are stopped.</summary>
    public async Task FinishCommitsAsync(TimeSpan limit)
    {
        var started = _parts.Time.GetTimestamp();
        var last = Committer.CommittedHeight;
        var quietPolls = 0;
        while (quietPolls < 2 && _parts.Time.GetElapsedTime(started) < limit)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), _parts.Time).ConfigureAwait(false);
            var height = Committer.CommittedHeight;
            quietPolls = height == last ? quietPolls + 1 : 0;
            last = height;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopReceivingAsync(handOver: false).ConfigureAwait(false);
        _heightLag?.Dispose();
        Committer.Committed -= OnCommitted;
        await Committer.DisposeAsync().ConfigureAwait(false);
        await Store.DisposeAsync().ConfigureAwait(false);
        (_leadership as IDisposable)?.Dispose();
    }

    /// <summary>Starts the adaptive source loop once the channel's organization peers are known (their heights decide
    /// the first source), or after the startup grace period when there are none.</summary>
    private async Task StartSourceLoopAsync()
    {
        var node = _node!;
        var known = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(Gossip.Channels.ChannelView view)
        {
            if (view.Members.Any(m => m.MspId == node.Identity.MspId && m.LedgerHeight > 0))
            {
                known.TrySetResult();
            }
        }

        var channel = node.Channel(Name);
        lock (node.Context.Gate)
        {
            channel.Changed += OnChanged;
            OnChanged(channel.View);
        }

        try
        {
            await known.Task.WaitAsync(_parts.StartupGracePeriod, _parts.Time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Alone in the organization, or its peers have no blocks: the orderer is the only source anyway.
        }
        finally
        {
            lock (node.Context.Gate)
            {
                channel.Changed -= OnChanged;
            }
        }

        lock (_lock)
        {
            if (_stopping)
            {
                return;
            }

            _client = CreateClient();
            _sourceLoop = new BlockSourceLoop(
                _client,
                Committer,
                new OrdererHeightProbe(_parts.Pool, Name, _parts.Orderers, _parts.SourceLoopOptions.ProbeTimeout, _parts.Time),
                OrgPeerHeights,
                PeerDeliverAddress,
                _parts.SourceLoopOptions,
                _parts.Time,
                _parts.Loggers.CreateLogger<BlockSourceLoop>());
            _sourceLoop.Start();
        }
    }

    /// <summary>Gossip mode: a follower far behind its organization catches up from an org peer's Deliver service.</summary>
    private void StartCatchUp()
    {
        lock (_lock)
        {
            _catchUp = new FollowerCatchUp(
                Name,
                () => CreateClient(observeStatus: false),
                Committer,
                OrgPeerHeights,
                PeerDeliverAddress,
                () => IsLeader,
                _parts.SourceLoopOptions,
                _parts.Time,
                _parts.Loggers.CreateLogger<FollowerCatchUp>());
            _catchUp.Start();
        }
    }

    private DeliverClient CreateClient(bool observeStatus = true)
    {
        var client = new DeliverClient(
            Verifier,
            Committer,
            Store,
            _parts.Orderers,
            _parts.Pool,
            _parts.BlockOptions,
            _parts.ClientOptions,
            _parts.Time,
            new Random(),
            _parts.Loggers.CreateLogger<DeliverClient>());
        if (observeStatus)
        {
            client.StatusChanged += OnClientStatus;
        }

        return client;
    }

    private void OnCommitted(CommittedBlock block)
    {
        var node = _node!;
        node.UpdateLedgerHeight(Name, block.CommittedHeight);
        if (Definition.Dissemination == BlockDisseminationMode.Gossip && IsLeader)
        {
            // Followers' receive spans become children of this peer's receive span, not of the orderer's.
            var trace = BlockTracing.ToTraceParent(block.Trace) ?? block.Block.Block.Metadata?.Traceparent;
            node.Publish(Name, block.Number, block.Block.Bytes, string.IsNullOrEmpty(trace) ? null : trace);
        }
    }

    private void OnLeadershipChanged(bool leader)
    {
        // Raised under the node's gate: start or stop the client without waiting for it.
        lock (_lock)
        {
            if (leader && _client is null && !_stopping)
            {
                Log.LeaderPulling(_logger, Name);
                _cutOffSince = 0;
                _client = CreateClient();
                _client.Start();
            }
            else if (!leader && _client is { } client)
            {
                Log.FollowerStopped(_logger, Name);
                _client = null;
                client.StatusChanged -= OnClientStatus;
                _retiring.RemoveAll(t => t.IsCompleted);
                _retiring.Add(client.DisposeAsync().AsTask());
            }
        }
    }

    private void OnClientStatus(DeliverClientStatus status)
    {
        if (Definition.Dissemination != BlockDisseminationMode.Gossip || _leadership is not ChannelElection election)
        {
            return;
        }

        // An elected leader that cannot reach any orderer for reconnectTotalTimeThreshold yields to a peer that can.
        var now = _parts.Time.GetTimestamp();
        bool yield;
        lock (_lock)
        {
            if (status.State is DeliverClientState.Streaming or DeliverClientState.Idle)
            {
                _cutOffSince = 0;
                return;
            }

            if (_cutOffSince == 0)
            {
                _cutOffSince = now;
            }

            yield = _parts.Time.GetElapsedTime(_cutOffSince, now) >= _parts.ReconnectTotalTimeThreshold;
        }

        if (yield && election.IsLeader)
        {
            Log.Yielding(_logger, Name, status.LastError ?? "unknown");
            election.Yield();
        }
    }

    /// <summary>How far the ledger is behind the highest height known from the block sources and the channel's peers.</summary>
    private long HeightLag()
    {
        var node = _node!;
        ulong known;
        lock (node.Context.Gate)
        {
            known = node.Channel(Name).View.MaxHeight;
        }

        known = Math.Max(known, SourceHeight ?? 0);
        var committed = Committer.CommittedHeight;
        return known > committed ? (long)Math.Min(known - committed, long.MaxValue) : 0;
    }

    private List<PeerHeight> OrgPeerHeights()
    {
        var node = _node!;
        lock (node.Context.Gate)
        {
            return [.. node.Channel(Name).OrgMembers().Select(m => new PeerHeight(m.PkiId, m.LedgerHeight))];
        }
    }

    private Uri? PeerDeliverAddress(PkiId peer)
    {
        var node = _node!;
        ChannelMember? member;
        lock (node.Context.Gate)
        {
            member = node.Channel(Name).View.TryGet(peer, out var found) ? found : null;
        }

        return member?.Endpoint is { } endpoint ? _parts.PeerDeliverAddress(endpoint) : null;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Channel {Channel}: leading the organization, pulling blocks from the orderer")]
        public static partial void LeaderPulling(ILogger logger, string channel);

        [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Channel {Channel}: no longer leading, stopped pulling from the orderer")]
        public static partial void FollowerStopped(ILogger logger, string channel);

        [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "Channel {Channel}: no orderer reachable for too long ({Cause}); yielding leadership")]
        public static partial void Yielding(ILogger logger, string channel, string cause);
    }
}
