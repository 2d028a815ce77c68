using System.Collections.Immutable;
using Google.Protobuf;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;
using Microsoft.Extensions.Logging;
using Content = K8sGossip.Gossip.Protos.GossipMessage.ContentOneofCase;

namespace K8sGossip.Gossip.Membership;

/// <summary>
/// Channel-agnostic membership (PROTOCOL.md §3): signed alive messages with (incarnation, sequence), membership
/// request/response with bootstrap and anchor peers, SWIM/Lifeguard failure detection (or Fabric's silence timeout),
/// graceful leave, forgetting of long-dead peers, and the endpoint-visibility rules between organizations.
/// Publishes an immutable, versioned <see cref="MembershipSnapshot"/> (never including this node) on every change.
/// </summary>
/// <remarks>Runs entirely under the node's gate: comm handlers and <see cref="NodeContext"/> timers.</remarks>
public sealed partial class MembershipService : IMembershipView
{
    private readonly NodeContext _context;
    private readonly IGossipComm _comm;
    private readonly ISigner _signer;
    private readonly IIdentityStore _identities;
    private readonly MembershipOptions _options;
    private readonly NodeCounters _counters;
    private readonly RejectionCounter _rejections;
    private readonly ILogger _logger;
    private readonly DisclosurePolicy _disclosure;
    private readonly LocalHealth _health;
    private readonly Dictionary<PkiId, MemberRecord> _members = [];
    private readonly HashSet<string> _pinnedEndpoints = new(StringComparer.Ordinal);
    private readonly List<IDisposable> _timers = [];
    private List<MemberRecord>? _aliveCache;
    private MembershipSnapshot _current = MembershipSnapshot.Empty;
    private bool _dirty;
    private bool _running;
    private ulong _incarnation;
    private ulong _sequence;
    private ulong _refutedUpTo;
    private Envelope? _selfAlive;

    /// <summary>Creates the membership of one node; <see cref="Start"/> begins it.</summary>
    public MembershipService(NodeContext context, IGossipComm comm, ISigner signer, IIdentityStore identities, MembershipOptions options, IOrganizationTopology topology, NodeCounters counters, ILogger<MembershipService> logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(comm);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(identities);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _context = context;
        _comm = comm;
        _signer = signer;
        _identities = identities;
        _options = options;
        _counters = counters;
        _logger = logger;
        _rejections = comm is GossipComm gossipComm ? gossipComm.Rejections : new RejectionCounter(counters, context.Time, logger);
        _disclosure = new DisclosurePolicy(signer.Identity.MspId, topology);
        _health = new LocalHealth(options.MaxLocalHealthScore);
        foreach (var endpoint in options.Bootstrap.Concat(options.AnchorPeers))
        {
            _pinnedEndpoints.Add(endpoint);
        }
    }

    /// <inheritdoc />
    public MembershipSnapshot Current => _current;

    /// <inheritdoc />
    public event Action<MembershipSnapshot>? Changed;

    /// <summary>This node's PKI-ID.</summary>
    public PkiId Self => _signer.Identity.PkiId;

    /// <summary>This node's incarnation (its start time, unix nanoseconds).</summary>
    public ulong Incarnation => _incarnation;

    /// <summary>The local-health score (0 = healthy); probe timeouts are stretched by score + 1.</summary>
    public int LocalHealthScore => _health.Score;

    private string SelfMsp => _signer.Identity.MspId;

    private bool SelfHasExternal => !string.IsNullOrEmpty(_options.ExternalEndpoint);

    /// <summary>Registers handlers, emits the first alive message, contacts bootstrap and anchor peers and starts the timers.</summary>
    public void Start()
    {
        lock (_context.Gate)
        {
            if (_running)
            {
                return;
            }

            _running = true;
            _incarnation = (ulong)((_context.Time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100);
            _sequence = 0;
            _comm.Handle(Content.Alive, m => Entry(() => OnAlive(m)));
            _comm.Handle(Content.MembershipRequest, m => Entry(() => OnMembershipRequest(m)));
            _comm.Handle(Content.MembershipResponse, m => Entry(() => OnMembershipResponse(m)));
            _comm.Handle(Content.Leave, m => Entry(() => OnLeave(m)));
            _comm.Handle(Content.Probe, m => Entry(() => OnProbe(m)));
            _comm.Handle(Content.ProbeAck, m => Entry(() => OnProbeAck(m)));
            _comm.Handle(Content.IndirectProbe, m => Entry(() => OnIndirectProbe(m)));
            _comm.Handle(Content.IndirectProbeResult, m => Entry(() => OnIndirectProbeResult(m)));
            _comm.Handle(Content.Suspect, m => Entry(() => OnSuspect(m)));
            _comm.PeerConnected += OnPeerConnected;
            _comm.DialFailed += OnDialFailed;
            NewSelfAlive();
            _timers.Add(_context.Every(_options.AliveTimeInterval, "membership.alive", () => Entry(EmitAlive)));
            _timers.Add(_context.Every(_options.PullInterval, "membership.pull", () => Entry(() => PullFromRandomPeers())));
            _timers.Add(_context.Every(_options.ReconnectInterval, "membership.reconnect", () => Entry(Reconnect)));
            _timers.Add(_context.Every(_options.AliveExpirationTimeout / 10, "membership.expiry", () => Entry(CheckExpiry)));
            if (_options.FailureDetection == FailureDetection.Swim)
            {
                ScheduleProbe(TimeSpan.FromTicks((long)(_options.ProbeInterval.Ticks * _context.Random.NextDouble())));
            }

            Entry(ContactPinnedPeers);
        }
    }

    /// <summary>Announces a deliberate departure to every peer allowed to know about this node, so they drop it at once.</summary>
    public void Leave()
    {
        lock (_context.Gate)
        {
            if (!_running)
            {
                return;
            }

            var message = new GossipMessage
            {
                Nonce = NextNonce(),
                Tag = SelfHasExternal ? RoutingTag.Any : RoutingTag.OrgOnly,
                Leave = new LeaveMessage { PkiId = Self.ToByteString(), Timestamp = new PeerTime { Incarnation = _incarnation, Sequence = ++_sequence } },
            };
            var envelope = SignedEnvelope.Create(message, _signer);
            foreach (var member in _members.Values.Where(m => m.State != PeerLiveness.Dead && !m.Left))
            {
                if (_disclosure.MayDisclose(SelfMsp, SelfHasExternal, member.MspId, member.HasExternalEndpoint))
                {
                    SendTo(member, envelope);
                }
            }

            _counters.Increment("membership.left");
            Log.Leaving(_logger, Self.Short);
        }
    }

    /// <summary>Stops every timer; the node no longer answers or probes.</summary>
    public void Stop()
    {
        lock (_context.Gate)
        {
            _running = false;
            _comm.PeerConnected -= OnPeerConnected;
            _comm.DialFailed -= OnDialFailed;
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }

            _timers.Clear();
            _probeTimer?.Dispose();
            _followUpPull?.Dispose();
            _followUpPull = null;
            foreach (var round in _probes.Values)
            {
                round.Timer?.Dispose();
            }

            _probes.Clear();
            foreach (var member in _members.Values)
            {
                member.ClearSuspicion();
            }
        }
    }

    /// <summary>Runs a protocol step and publishes a new snapshot if it changed the view.</summary>
    private void Entry(Action step)
    {
        if (!_running)
        {
            return;
        }

        step();
        if (_dirty)
        {
            Publish();
        }
    }

    private void Publish()
    {
        _dirty = false;
        _aliveCache = null;
        var members = _members.Values
            .Where(m => !m.Left || m.Pinned)
            .OrderBy(m => m.PkiId)
            .Select(m => m.ToInfo())
            .ToImmutableArray();
        _current = new MembershipSnapshot(_current.Version + 1, members);
        Changed?.Invoke(_current);
    }

    private void MarkChanged()
    {
        _dirty = true;
        _aliveCache = null;
    }

    private ulong NextNonce() => (ulong)_context.Random.NextInt64();

    /// <summary>Signs a new alive message about this node (sequence + 1).</summary>
    private void NewSelfAlive()
    {
        var message = new GossipMessage
        {
            Nonce = NextNonce(),
            Tag = SelfHasExternal ? RoutingTag.Any : RoutingTag.OrgOnly,
            Alive = new AliveMessage
            {
                Membership = new Member
                {
                    PkiId = Self.ToByteString(),
                    MspId = SelfMsp,
                    Endpoint = _options.ExternalEndpoint ?? string.Empty,
                    Metadata = ByteString.CopyFrom(_options.Metadata.Span),
                },
                Timestamp = new PeerTime { Incarnation = _incarnation, Sequence = ++_sequence },
                Identity = ByteString.CopyFrom(_signer.Identity.CertificateDer.Span),
            },
        };
        _selfAlive = SignedEnvelope.Create(message, _signer, new Secret { InternalEndpoint = _options.Endpoint });
        _counters.Increment("membership.alive.emitted");
    }

    /// <summary>Our alive envelope as <paramref name="recipientMsp"/> may see it (no secret for other orgs).</summary>
    private Envelope SelfAliveFor(string recipientMsp) =>
        string.Equals(recipientMsp, SelfMsp, StringComparison.Ordinal) ? _selfAlive! : SignedEnvelope.WithoutSecret(_selfAlive!);

    private void SendTo(MemberRecord member, Envelope envelope)
    {
        if (member.DialEndpoint is { } endpoint)
        {
            _comm.Send(new RemotePeer(member.PkiId, endpoint), envelope);
        }
        else if (!_comm.TrySendConnected(member.PkiId, envelope))
        {
            _counters.Increment("membership.send.unreachable");
        }
    }

    private void Reply(ReceivedMessage to, GossipMessage message)
    {
        var envelope = SignedEnvelope.Unsigned(message);
        if (!_comm.TrySendConnected(to.SenderPkiId, envelope) && _members.TryGetValue(to.SenderPkiId, out var member))
        {
            SendTo(member, envelope);
        }
    }

    /// <summary>Alive (not suspected or dead) members, cached between view changes.</summary>
    private List<MemberRecord> AliveMembers() =>
        _aliveCache ??= [.. _members.Values.Where(m => m.State == PeerLiveness.Alive && !m.Left).OrderBy(m => m.PkiId)];

    /// <summary>Up to <paramref name="count"/> distinct random members satisfying <paramref name="accept"/>.</summary>
    private List<MemberRecord> PickRandom(List<MemberRecord> from, int count, Func<MemberRecord, bool> accept)
    {
        var picked = new List<MemberRecord>(count);
        if (from.Count == 0 || count <= 0)
        {
            return picked;
        }

        if (from.Count <= count * 3)
        {
            foreach (var index in Shuffled(from.Count))
            {
                if (picked.Count == count)
                {
                    break;
                }

                if (accept(from[index]))
                {
                    picked.Add(from[index]);
                }
            }

            return picked;
        }

        for (var attempt = 0; attempt < count * 6 && picked.Count < count; attempt++)
        {
            var candidate = from[_context.Random.Next(from.Count)];
            if (!picked.Contains(candidate) && accept(candidate))
            {
                picked.Add(candidate);
            }
        }

        return picked;
    }

    private int[] Shuffled(int count)
    {
        var indices = Enumerable.Range(0, count).ToArray();
        _context.Random.Shuffle(indices);
        return indices;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Peer {Peer} ({MspId}) joined the view")]
        public static partial void Joined(ILogger logger, string peer, string mspId);

        [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Peer {Peer} declared dead: {Reason}")]
        public static partial void DeclaredDead(ILogger logger, string peer, string reason);

        [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Peer {Peer} suspected by {Accuser}")]
        public static partial void Suspected(ILogger logger, string peer, string accuser);

        [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "Peer {Peer} is back (incarnation {Incarnation})")]
        public static partial void Resurrected(ILogger logger, string peer, ulong incarnation);

        [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "Peer {Peer} left")]
        public static partial void PeerLeft(ILogger logger, string peer);

        [LoggerMessage(EventId = 205, Level = LogLevel.Information, Message = "This node ({Peer}) is leaving")]
        public static partial void Leaving(ILogger logger, string peer);

        [LoggerMessage(EventId = 206, Level = LogLevel.Debug, Message = "Refuting a suspicion of this node (sequence {Sequence})")]
        public static partial void Refuting(ILogger logger, ulong sequence);

        [LoggerMessage(EventId = 207, Level = LogLevel.Debug, Message = "Forgot peer {Peer}: {Reason}")]
        public static partial void Forgot(ILogger logger, string peer, string reason);
    }
}
