using System.Collections.Immutable;
using Google.Protobuf;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Membership;
using K8sGossip.Gossip.Protos;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Gossip.Channels;

/// <summary>
/// One channel as this node takes part in it: publishes the node's signed StateInfo, learns the other
/// members' StateInfo (pushed and pulled), keeps the <see cref="ChannelView"/> of peers that proved
/// membership, and is the only way channel data leaves the node, so it never reaches a non-member.
/// </summary>
/// <remarks>Every member runs under the node's gate (public mutators take it themselves).</remarks>
public sealed partial class GossipChannel : IDisposable
{
    private readonly NodeContext _node;
    private readonly IGossipComm _comm;
    private readonly ISigner _signer;
    private readonly IIdentityStore _identities;
    private readonly IMembershipView _membership;
    private readonly ChannelOptions _options;
    private readonly RejectionCounter _rejections;

    /// <summary>Channel data dropped because its same-org sender's channel state was not verified yet.</summary>
    public const string NotYetInViewCounter = "channel.dropped.sender_not_in_view";
    private readonly ILogger _log;
    private readonly Dictionary<PkiId, StateRecord> _states = [];
    private readonly Dictionary<GossipMessage.ContentOneofCase, Action<ReceivedMessage>> _dataHandlers = [];
    private readonly HashSet<PkiId> _announcedTo = [];
    private readonly ulong _incarnation;

    private ulong _sequence;
    private StateProperties _own;
    private Envelope? _ownEnvelope;
    private bool _dirty;
    private long _lastPublishedAt = long.MinValue;
    private IDisposable? _publishTimer;
    private IDisposable? _pullTimer;
    private IDisposable? _firstPull;
    private bool _started;
    private ChannelView _view;
    private ImmutableArray<ChannelMember> _orgMembers = [];

    /// <summary>Creates the channel; nothing is sent until <see cref="Start"/>.</summary>
    public GossipChannel(
        ChannelConfig config,
        NodeContext node,
        IGossipComm comm,
        ISigner signer,
        IIdentityStore identities,
        IMembershipView membership,
        ChannelOptions options,
        RejectionCounter rejections,
        string role = "peer")
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        config.Validate();
        options.Validate();
        Config = config;
        _node = node;
        _comm = comm;
        _signer = signer;
        _identities = identities;
        _membership = membership;
        _options = options;
        _rejections = rejections;
        _log = node.LoggerFactory.CreateLogger<GossipChannel>();
        _incarnation = (ulong)(node.Time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
        _own = new StateProperties { Role = role };
        _view = ChannelView.Empty(config.Name);
        Self = signer.Identity.PkiId;
        OwnMac = ChannelMac.Compute(Self, config.Name);
    }

    /// <summary>The configuration the channel was joined with.</summary>
    public ChannelConfig Config { get; }

    /// <summary>The channel name.</summary>
    public string Name => Config.Name;

    /// <summary>This node.</summary>
    public PkiId Self { get; }

    /// <summary>This node's organization.</summary>
    public string SelfMspId => _signer.Identity.MspId;

    /// <summary>This node's MAC of the channel name.</summary>
    internal byte[] OwnMac { get; }

    /// <summary>The current members (never this node).</summary>
    public ChannelView View => _view;

    /// <summary>This node's ledger height as last reported.</summary>
    public ulong LedgerHeight => _own.LedgerHeight;

    /// <summary>Whether this node declares itself leader of its organization in the channel.</summary>
    public bool IsLeader => _own.Leader;

    /// <summary>Whether this node left the channel.</summary>
    public bool HasLeft => _own.LeftChannel;

    /// <summary>Raised (under the gate) with every new view.</summary>
    public event Action<ChannelView>? Changed;

    /// <summary>Starts publishing and pulling StateInfo and following membership.</summary>
    public void Start() => _node.Run("channel start", () =>
    {
        if (_started)
        {
            return;
        }

        _started = true;
        _membership.Changed += OnMembershipChanged;
        _dirty = true;
        PublishNow();
        _firstPull = _node.Schedule(_options.StateInfoFirstPull, "stateinfo first pull", PullStateInfo);
        _pullTimer = _node.Every(_options.StateInfoPullInterval, "stateinfo pull", PullStateInfo);
    });

    /// <summary>Records a new ledger height; it is published within <see cref="ChannelOptions.StateInfoMinInterval"/>.</summary>
    public void UpdateLedgerHeight(ulong height) => _node.Run("channel height", () =>
    {
        if (height == _own.LedgerHeight)
        {
            return;
        }

        _own = new StateProperties(_own) { LedgerHeight = height };
        MarkDirty(urgent: false);
    });

    /// <summary>Sets this node's leader flag; published at once.</summary>
    public void SetLeader(bool leader) => _node.Run("channel leader flag", () =>
    {
        if (leader == _own.Leader)
        {
            return;
        }

        _own = new StateProperties(_own) { Leader = leader };
        MarkDirty(urgent: true);
    });

    /// <summary>Announces that this node left the channel; peers drop it from their views.</summary>
    public void Leave() => _node.Run("channel leave", () =>
    {
        if (_own.LeftChannel)
        {
            return;
        }

        _own = new StateProperties(_own) { LeftChannel = true, Leader = false };
        _dirty = true;
        PublishNow();
        SetView([]);
    });

    /// <summary>Registers the handler of one channel-data content type (blocks, announcements, pull, leadership).
    /// Messages reach it only from same-organization peers that proved channel membership.</summary>
    public void Handle(GossipMessage.ContentOneofCase content, Action<ReceivedMessage> handler)
    {
        if (!ChannelRouting.IsChannelData(content))
        {
            throw new ArgumentException($"{content} is not channel data.", nameof(content));
        }

        _dataHandlers[content] = handler;
    }

    /// <summary>Wraps channel data in an unsigned envelope for same-organization channel members.</summary>
    public Envelope CreateEnvelope(GossipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Channel = ByteString.CopyFromUtf8(Name);
        message.Tag = RoutingTag.ChanAndOrg;
        return new Envelope { Payload = message.ToByteString() };
    }

    /// <summary>Wraps channel data in an envelope signed by this node (leadership messages).</summary>
    public Envelope CreateSignedEnvelope(GossipMessage message)
    {
        var envelope = CreateEnvelope(message);
        envelope.Signature = ByteString.CopyFrom(_signer.Sign(envelope.Payload.Span));
        return envelope;
    }

    /// <summary>Sends channel data to <paramref name="peer"/> if, and only if, it is a same-organization member of the
    /// view. Returns false (and sends nothing) otherwise.</summary>
    public bool Send(PkiId peer, Envelope envelope)
    {
        if (_own.LeftChannel || !_view.TryGet(peer, out var member) || member.MspId != SelfMspId)
        {
            return false;
        }

        SendTo(peer, member.Endpoint, envelope);
        return true;
    }

    /// <summary>Same-organization members of the view, derived once when the view changes: election, push and pull ask on
    /// every tick.</summary>
    public ImmutableArray<ChannelMember> OrgMembers() => _orgMembers;

    /// <inheritdoc />
    public void Dispose()
    {
        _membership.Changed -= OnMembershipChanged;
        _publishTimer?.Dispose();
        _pullTimer?.Dispose();
        _firstPull?.Dispose();
    }

    internal void Dispatch(ReceivedMessage message)
    {
        if (_own.LeftChannel)
        {
            return;
        }

        if (!_view.TryGet(message.SenderPkiId, out var member) || member.MspId != SelfMspId)
        {
            if (message.SenderMspId == SelfMspId && !_view.TryGet(message.SenderPkiId, out _))
            {
                // A peer of our own org whose channel state we have not verified yet: ordinary start-up ordering, not
                // misbehaviour. Drop the message (push and pull repair it), ask the sender for its state so it enters
                // the view, and do not count it towards a ban.
                _rejections.Counters.Increment(NotYetInViewCounter);
                SendStateInfoPull(message.SenderPkiId);
                return;
            }

            _rejections.Reject(message.SenderPkiId, RejectionReason.WrongChannel, $"{message.Message.ContentCase} on channel {Name} from a peer that is not a same-org member");
            return;
        }

        if (_dataHandlers.TryGetValue(message.Message.ContentCase, out var handler))
        {
            handler(message);
        }
    }

    private void OnMembershipChanged(MembershipSnapshot snapshot)
    {
        // Forget the states of peers membership forgot; tell newly seen member-org peers our state at once.
        List<PkiId>? gone = null;
        foreach (var id in _states.Keys)
        {
            if (!snapshot.TryGet(id, out _))
            {
                (gone ??= []).Add(id);
            }
        }

        foreach (var id in gone ?? [])
        {
            _states.Remove(id);
            _announcedTo.Remove(id);
        }

        if (_ownEnvelope is not null && !_own.LeftChannel)
        {
            foreach (var member in snapshot.Members)
            {
                if (member.State == PeerLiveness.Alive && Config.HasMember(member.MspId) && _announcedTo.Add(member.PkiId))
                {
                    SendTo(member.PkiId, member.DialEndpoint, _ownEnvelope);
                }
            }
        }

        RebuildView();
    }

    private void RebuildView()
    {
        if (_own.LeftChannel)
        {
            return;
        }

        var members = _membership.Current;
        var builder = ImmutableArray.CreateBuilder<ChannelMember>(_states.Count);
        foreach (var (id, record) in _states)
        {
            var p = record.Info.Properties;
            // A suspect peer stays in the view until it is declared dead: suspicion is often a lost probe.
            if (p.LeftChannel || !members.TryGet(id, out var m) || m.State == PeerLiveness.Dead)
            {
                continue;
            }

            builder.Add(new ChannelMember(id, record.MspId, m.DialEndpoint, p.LedgerHeight, p.Leader, p.Role));
        }

        SetView(builder.ToImmutable());
    }

    private void SetView(ImmutableArray<ChannelMember> members)
    {
        _view = new ChannelView(Name, _view.Version + 1, members);
        _orgMembers = [.. members.Where(m => m.MspId == SelfMspId)];
        Changed?.Invoke(_view);
    }

    private void SendTo(PkiId peer, string? endpoint, Envelope envelope)
    {
        if (endpoint is not null)
        {
            _comm.Send(new RemotePeer(peer, endpoint), envelope);
        }
        else
        {
            _comm.TrySendConnected(peer, envelope);
        }
    }

    private ulong NextNonce() => (ulong)_node.Random.NextInt64();

    private sealed record StateRecord(Envelope Envelope, StateInfo Info, string MspId);

    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Channel {Channel}: published StateInfo height {Height} leader {Leader} left {Left}")]
        public static partial void Published(ILogger logger, string channel, ulong height, bool leader, bool left);
    }
}
