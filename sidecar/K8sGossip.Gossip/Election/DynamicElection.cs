using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Gossip.Election;

/// <summary>
/// Heartbeat leader election of one organization in one channel. The leader declares itself (with its
/// height) four times per alive threshold; when followers hear no declaration for the threshold they
/// propose themselves, collect proposals for the election duration, and the best candidate by
/// <see cref="CandidateRanking"/> declares. Two leaders that hear each other (a healed partition) settle at
/// once: the outranked one steps down, the other re-declares immediately so that every leader that still
/// thinks otherwise hears it within one declaration period.
/// </summary>
/// <remarks>All members run under the node's gate; messages arrive already verified by the channel layer.</remarks>
public sealed partial class DynamicElection : ILeadership, IDisposable
{
    private readonly NodeContext _node;
    private readonly IElectionChannel _channel;
    private readonly ElectionOptions _options;
    private readonly ILogger _log;
    private readonly Dictionary<PkiId, ulong> _proposals = [];

    private IDisposable? _ticker;
    private long _startedAt;
    private bool _isLeader;
    private PkiId? _leader;
    private long _leaderHeardAt;
    private long? _roundStartedAt;
    private long _lastDeclarationAt;
    private long _yieldUntil;
    private ulong _maxHeardHeight;
    private Google.Protobuf.ByteString? _selfId;

    /// <summary>Creates an election; nothing happens until <see cref="Start"/>.</summary>
    public DynamicElection(NodeContext node, IElectionChannel channel, ElectionOptions options, ILogger<DynamicElection>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _node = node;
        _channel = channel;
        _options = options;
        _log = (ILogger?)logger ?? node.LoggerFactory.CreateLogger<DynamicElection>();
    }

    /// <inheritdoc />
    public bool IsLeader => _isLeader;

    /// <summary>The peer this one believes leads, if any (itself when leading).</summary>
    public PkiId? CurrentLeader => _isLeader ? _channel.Self : LeaderAlive(Now) ? _leader : null;

    /// <summary>How many times this peer gained leadership.</summary>
    public int TimesElected { get; private set; }

    /// <inheritdoc />
    public event Action<bool>? LeadershipChanged;

    private long Now => _node.Time.GetTimestamp();

    /// <inheritdoc />
    public void Start()
    {
        if (_ticker is not null)
        {
            return;
        }

        _startedAt = Now;
        _ticker = _node.EveryShared(_options.MembershipSampleInterval, "election tick", Tick);
    }

    /// <inheritdoc />
    public void Yield()
    {
        _yieldUntil = Now + Ticks(_options.YieldPeriod);
        if (_isLeader)
        {
            Resign();
        }
    }

    /// <inheritdoc />
    public void Stop(bool handOver)
    {
        _ticker?.Dispose();
        _ticker = null;
        if (_isLeader)
        {
            if (handOver)
            {
                Resign();
            }
            else
            {
                StepDown("stopped");
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => Stop(handOver: false);

    /// <summary>Handles a verified leadership message from a peer of this organization in the channel.</summary>
    public void OnMessage(PkiId from, LeadershipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_ticker is null || from == _channel.Self)
        {
            return;
        }

        var now = Now;
        _maxHeardHeight = Math.Max(_maxHeardHeight, message.LedgerHeight);
        if (message.Resign)
        {
            OnResign(from, message, now);
            return;
        }

        var sender = new ElectionCandidate(from, message.LedgerHeight);
        if (message.IsDeclaration)
        {
            if (_isLeader)
            {
                if (CandidateRanking.Outranks(sender, SelfCandidate(), MaxKnownHeight(), _options.HeightTolerance))
                {
                    StepDown("a better leader declared");
                }
                else
                {
                    Declare(now); // the other leader steps down as soon as it hears this
                    return;
                }
            }

            _leader = from;
            _leaderHeardAt = now;
            _roundStartedAt = null;
            return;
        }

        // A proposal: a leader answers by declaring; a candidate records it; a follower whose leader is gone
        // joins the round.
        if (_isLeader)
        {
            Declare(now);
        }
        else if (!LeaderAlive(now) && MayRun(now))
        {
            _roundStartedAt ??= BeginRound(now);
            _proposals[from] = message.LedgerHeight;
        }
    }

    private void Tick()
    {
        var now = Now;
        if (_isLeader)
        {
            if (now - _lastDeclarationAt >= Ticks(_options.DeclarationInterval))
            {
                Declare(now);
            }

            return;
        }

        if (LeaderAlive(now) || !MayRun(now))
        {
            _roundStartedAt = null;
            return;
        }

        if (_roundStartedAt is null)
        {
            _roundStartedAt = BeginRound(now);
            return;
        }

        if (now - _roundStartedAt.Value < Ticks(_options.LeaderElectionDuration))
        {
            return;
        }

        Decide(now);
    }

    private long BeginRound(long now)
    {
        _proposals.Clear();
        if (_channel.HasPeers)
        {
            _channel.Send(new LeadershipMessage { PkiId = SelfId, IsDeclaration = false, LedgerHeight = _channel.OwnHeight });
        }

        return now;
    }

    private void Decide(long now)
    {
        var candidates = _proposals.Select(p => new ElectionCandidate(p.Key, p.Value)).Append(SelfCandidate());
        var best = CandidateRanking.Best(candidates, MaxKnownHeight(), _options.HeightTolerance);
        _roundStartedAt = null;
        if (best is { } winner && winner.PkiId == _channel.Self)
        {
            BecomeLeader(now, "won the election");
            return;
        }

        // Give the winner a full threshold to declare before trying again.
        _leader = best?.PkiId;
        _leaderHeardAt = now;
    }

    private void OnResign(PkiId from, LeadershipMessage message, long now)
    {
        if (_leader == from)
        {
            _leader = null;
        }

        if (PkiId.TryFrom(message.Successor.Span, out var successor))
        {
            if (successor == _channel.Self && !_isLeader && MayRun(now))
            {
                BecomeLeader(now, "handed over");
                return;
            }

            _leader = successor; // provisional: it declares at once
            _leaderHeardAt = now;
            return;
        }

        _leaderHeardAt = long.MinValue / 2;
    }

    private void Resign()
    {
        if (!_channel.HasPeers)
        {
            StepDown("resigned");
            return;
        }

        var self = SelfCandidate();
        var successor = CandidateRanking.Best(
            _channel.Peers().Where(p => p.PkiId != self.PkiId),
            MaxKnownHeight(),
            _options.HeightTolerance);
        var message = new LeadershipMessage
        {
            PkiId = SelfId,
            IsDeclaration = false,
            Resign = true,
            LedgerHeight = _channel.OwnHeight,
        };
        if (successor is { } s)
        {
            message.Successor = s.PkiId.ToByteString();
        }

        _channel.Send(message);
        StepDown("resigned");
    }

    private void BecomeLeader(long now, string why)
    {
        _isLeader = true;
        _leader = _channel.Self;
        TimesElected++;
        Log.Elected(_log, _channel.Self.Short, why, _channel.OwnHeight);
        Declare(now);
        LeadershipChanged?.Invoke(true);
    }

    private void StepDown(string why)
    {
        if (!_isLeader)
        {
            return;
        }

        _isLeader = false;
        _leader = null;
        Log.SteppedDown(_log, _channel.Self.Short, why);
        LeadershipChanged?.Invoke(false);
    }

    private void Declare(long now)
    {
        _lastDeclarationAt = now;
        if (_channel.HasPeers)
        {
            _channel.Send(new LeadershipMessage { PkiId = SelfId, IsDeclaration = true, LedgerHeight = _channel.OwnHeight });
        }
    }

    private bool LeaderAlive(long now) => _leader is not null && now - _leaderHeardAt < Ticks(_options.LeaderAliveThreshold);

    private bool MayRun(long now) => now - _startedAt >= Ticks(_options.StartupGracePeriod) && now >= _yieldUntil;

    /// <summary>This peer's PKI-ID as a protobuf field, made once: a leader declares every few hundred milliseconds.</summary>
    private Google.Protobuf.ByteString SelfId => _selfId ??= _channel.Self.ToByteString();

    private ElectionCandidate SelfCandidate() => new(_channel.Self, _channel.OwnHeight);

    private ulong MaxKnownHeight()
    {
        var max = Math.Max(_channel.OwnHeight, _maxHeardHeight);
        foreach (var peer in _channel.Peers())
        {
            max = Math.Max(max, peer.Height);
        }

        return max;
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _node.Time.TimestampFrequency);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Peer {Peer} became leader ({Why}) at height {Height}")]
        public static partial void Elected(ILogger logger, string peer, string why, ulong height);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Peer {Peer} stopped leading ({Why})")]
        public static partial void SteppedDown(ILogger logger, string peer, string why);
    }
}
