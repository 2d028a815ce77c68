using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Protos;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Gossip.Comm;

/// <summary>
/// Authenticated messaging over an <see cref="ITransport"/>: one connection per peer pair, bound by a signed
/// handshake to the peer's identity and TLS session; received frames are size-checked, decoded, tag-checked and
/// dispatched to the handler of their content type; sends never block (full queues drop and count); peers that keep
/// sending hostile input are banned for a while.
/// </summary>
/// <remarks>
/// A <see cref="RemotePeer"/> with an empty PKI-ID means "whoever answers at this endpoint" (bootstrap and anchor
/// peers, whose PKI-IDs are learned from the handshake). When both peers dial each other at once, both keep the
/// connection dialled by the lower PKI-ID; a connection established long after an existing one replaces it (the
/// peer restarted or lost the old one).
/// </remarks>
public sealed partial class GossipComm : IGossipComm
{
    private readonly ITransport _transport;
    private readonly ISigner _signer;
    private readonly IIdentityStore _identities;
    private readonly CommOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<long, ConnectionSession> _sessions = [];
    private readonly Dictionary<PkiId, ConnectionSession> _peers = [];
    private readonly Dictionary<string, ConnectionSession> _dialing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PkiId> _endpointPeers = new(StringComparer.Ordinal);
    private readonly Dictionary<GossipMessage.ContentOneofCase, Action<ReceivedMessage>> _handlers = [];
    private readonly Dictionary<PkiId, long> _bans = [];
    private readonly Dictionary<PkiId, (long WindowStart, int Count)> _strikes = [];
    private IDisposable? _maintenance;
    private IDisposable? _identityPurge;
    private bool _stopped;

    /// <summary>Creates the comm layer of one node; call <see cref="Start"/> to accept connections.</summary>
    public GossipComm(NodeContext context, ITransport transport, ISigner signer, IIdentityStore identities, CommOptions options, NodeCounters counters, ILogger<GossipComm> logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(identities);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        Context = context;
        _transport = transport;
        _signer = signer;
        _identities = identities;
        _options = options;
        Counters = counters;
        _logger = logger;
        Rejections = new RejectionCounter(counters, context.Time, logger);
        Rejections.PeerRejected += OnPeerRejected;
    }

    /// <summary>The node's context (clock, randomness, gate).</summary>
    public NodeContext Context { get; }

    /// <summary>The node's counters.</summary>
    public NodeCounters Counters { get; }

    /// <summary>Where every layer of this node reports rejections; hostile ones count towards a ban of the peer.</summary>
    public RejectionCounter Rejections { get; }

    /// <inheritdoc />
    public PeerIdentity Self => _signer.Identity;

    /// <summary>The endpoint this node listens on.</summary>
    public string ListenEndpoint => _transport.ListenEndpoint;

    /// <inheritdoc />
    public event Action<PeerIdentity>? PeerConnected;

    /// <inheritdoc />
    public event Action<PkiId>? PeerDisconnected;

    /// <inheritdoc />
    public event Action<PkiId>? DialFailed;

    /// <inheritdoc />
    public bool IsConnected(PkiId peer)
    {
        lock (Context.Gate)
        {
            return _peers.ContainsKey(peer);
        }
    }

    /// <inheritdoc />
    public IReadOnlyCollection<PkiId> ConnectedPeers
    {
        get
        {
            lock (Context.Gate)
            {
                return [.. _peers.Keys];
            }
        }
    }

    /// <summary>Starts accepting connections and the keepalive, idle and identity-expiry timers.</summary>
    public void Start()
    {
        _transport.Start(Accept);
        var tick = _options.KeepaliveInterval / 2;
        _maintenance = Context.Every(tick, "comm.maintenance", Maintain);
        _identityPurge = Context.Every(_options.IdentityPurgeInterval, "comm.identity-purge", PurgeExpiredIdentities);
    }

    /// <summary>Stops timers and closes every connection.</summary>
    public void Stop()
    {
        lock (Context.Gate)
        {
            _stopped = true;
            _maintenance?.Dispose();
            _identityPurge?.Dispose();
            foreach (var session in _sessions.Values.ToList())
            {
                CloseSession(session, "node stopping");
            }
        }
    }

    /// <inheritdoc />
    public void Handle(GossipMessage.ContentOneofCase content, Action<ReceivedMessage> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (Context.Gate)
        {
            if (!_handlers.TryAdd(content, handler))
            {
                throw new InvalidOperationException($"A handler for {content} is already registered.");
            }
        }
    }

    /// <inheritdoc />
    public void Send(RemotePeer peer, Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(envelope);
        lock (Context.Gate)
        {
            if (_stopped)
            {
                Counters.Increment("comm.send.dropped.stopped");
                return;
            }

            var frame = Encode(envelope);
            if (frame is null)
            {
                return;
            }

            var target = peer.PkiId;
            if (target.IsEmpty && _endpointPeers.TryGetValue(peer.Endpoint, out var known) && _peers.ContainsKey(known))
            {
                target = known;
            }

            if (!target.IsEmpty && _peers.TryGetValue(target, out var session))
            {
                Transmit(session, frame);
                return;
            }

            if (!target.IsEmpty && IsBanned(target))
            {
                Counters.Increment("comm.send.dropped.banned");
                return;
            }

            if (string.IsNullOrEmpty(peer.Endpoint))
            {
                Counters.Increment("comm.send.dropped.no_endpoint");
                return;
            }

            var key = DialKey(target, peer.Endpoint);
            if (!_dialing.TryGetValue(key, out var dial))
            {
                dial = Dial(peer.Endpoint, target, key);
            }

            if (!dial.Enqueue(frame, _options.MaxPendingMessages))
            {
                Counters.Increment("comm.send.dropped.pending_full");
            }
        }
    }

    /// <inheritdoc />
    public bool TrySendConnected(PkiId peer, Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        lock (Context.Gate)
        {
            if (!_peers.TryGetValue(peer, out var session))
            {
                return false;
            }

            var frame = Encode(envelope);
            if (frame is null)
            {
                return false;
            }

            return Transmit(session, frame);
        }
    }

    /// <inheritdoc />
    public void Disconnect(PkiId peer, string reason)
    {
        lock (Context.Gate)
        {
            foreach (var session in _sessions.Values.Where(s => s.Remote?.PkiId == peer || s.Expected == peer).ToList())
            {
                CloseSession(session, reason);
            }
        }
    }

    /// <inheritdoc />
    public void Ban(PkiId peer, TimeSpan duration, string reason)
    {
        lock (Context.Gate)
        {
            var until = Context.Time.GetTimestamp() + (long)(duration.TotalSeconds * Context.Time.TimestampFrequency);
            _bans[peer] = until;
            Counters.Increment("comm.bans");
            Log.Banned(_logger, peer.Short, duration, reason);
            Disconnect(peer, "banned: " + reason);
        }
    }

    /// <summary>Whether <paramref name="peer"/> is banned now.</summary>
    public bool IsBanned(PkiId peer)
    {
        lock (Context.Gate)
        {
            if (!_bans.TryGetValue(peer, out var until))
            {
                return false;
            }

            if (Context.Time.GetTimestamp() < until)
            {
                return true;
            }

            _bans.Remove(peer);
            return false;
        }
    }

    private ConnectionSession Dial(string endpoint, PkiId expected, string key)
    {
        var connection = _transport.Connect(endpoint, !expected.IsEmpty && PeerDialWins(expected) ? _options.DialDeferral : TimeSpan.Zero);
        var session = new ConnectionSession(this, connection, expected, key);
        _sessions[connection.Id] = session;
        _dialing[key] = session;
        Counters.Increment("comm.dials");
        connection.Start(session);
        return session;
    }

    private void Accept(ITransportConnection connection)
    {
        lock (Context.Gate)
        {
            if (_stopped)
            {
                connection.Close("node stopping");
                return;
            }

            var session = new ConnectionSession(this, connection, default, null);
            _sessions[connection.Id] = session;
            Counters.Increment("comm.accepted");
            connection.Start(session);
        }
    }

    private byte[]? Encode(Envelope envelope)
    {
        var size = envelope.CalculateSize();
        if (size > _options.MaxMessageBytes)
        {
            Counters.Increment("comm.send.dropped.oversize");
            return null;
        }

        return Google.Protobuf.MessageExtensions.ToByteArray(envelope);
    }

    private bool Transmit(ConnectionSession session, byte[] frame)
    {
        if (!session.Connection.TrySend(frame))
        {
            Counters.Increment("comm.send.dropped.queue_full");
            return false;
        }

        var now = Context.Time.GetTimestamp();
        session.LastSent = now;
        session.LastActivity = now;
        Counters.Increment("comm.frames.sent");
        Counters.Increment(CountersMeter.BytesSentCounter, frame.Length);
        return true;
    }

    private void CloseSession(ConnectionSession session, string reason)
    {
        if (session.Closed)
        {
            return;
        }

        ForgetSession(session, reason);
        session.Connection.Close(reason);
    }

    private void ForgetSession(ConnectionSession session, string reason)
    {
        session.Closed = true;
        session.HandshakeTimer?.Dispose();
        _sessions.Remove(session.Connection.Id);
        if (session.DialKey is { } key && _dialing.TryGetValue(key, out var dial) && dial == session)
        {
            _dialing.Remove(key);
        }

        var dropped = session.TakePending().Count;
        if (dropped > 0)
        {
            Counters.Increment("comm.send.dropped.connect_failed", dropped);
        }

        if (session.Remote is { } remote && _peers.TryGetValue(remote.PkiId, out var current) && current == session)
        {
            _peers.Remove(remote.PkiId);
            Log.Disconnected(_logger, remote.PkiId.Short, reason);
            PeerDisconnected?.Invoke(remote.PkiId);
        }
        else if (session.Remote is null && session.IsOutbound && !session.Expected.IsEmpty && !_peers.ContainsKey(session.Expected))
        {
            DialFailed?.Invoke(session.Expected);
        }
    }

    private void OnPeerRejected(PkiId peer, RejectionReason reason)
    {
        if (reason is RejectionReason.Replay or RejectionReason.NoHandler or RejectionReason.WrongChannel or RejectionReason.Banned
            or RejectionReason.HandshakeTimeout or RejectionReason.Expired or RejectionReason.RateLimited)
        {
            return; // ordinary in a gossip network (duplicates, races, clock edges); never grounds for a ban
        }

        lock (Context.Gate)
        {
            var now = Context.Time.GetTimestamp();
            var strikes = _strikes.GetValueOrDefault(peer);
            if (strikes.Count == 0 || Context.Time.GetElapsedTime(strikes.WindowStart, now) > _options.BanWindow)
            {
                strikes = (now, 0);
            }

            strikes.Count++;
            _strikes[peer] = strikes;
            if (strikes.Count >= _options.BanThreshold)
            {
                _strikes.Remove(peer);
                Ban(peer, _options.BanDuration, $"{strikes.Count} rejected messages within {_options.BanWindow.TotalSeconds} s, the last for {reason}");
            }
        }
    }
}
