using System.Collections.Immutable;
using K8sGossip.Gossip.Channels;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Dissemination;
using K8sGossip.Gossip.Identity;
using K8sGossip.Gossip.Membership;
using Microsoft.Extensions.Logging;

namespace K8sGossip.Gossip.Node;

/// <summary>
/// One gossip peer, composed bottom-up over a transport: identity store, comm, membership, and per joined
/// channel its <see cref="GossipChannel"/> and <see cref="ChannelDissemination"/>. The block layer publishes
/// through <see cref="Publish"/> and receives through <see cref="DataDelivered"/>.
/// </summary>
public sealed partial class GossipNode
{
    private readonly GossipNodeOptions _options;
    private readonly MembershipService? _membershipService;
    private readonly Dictionary<string, ChannelParts> _channels = new(StringComparer.Ordinal);
    private readonly ILogger _log;
    private bool _started;
    private bool _stopped;

    /// <summary>Builds the node; nothing is sent until <see cref="Start"/>.</summary>
    public GossipNode(GossipNodeOptions options, ITransport transport, NodeContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(context);
        options.Validate();
        _options = options;
        Context = context;
        _log = context.LoggerFactory.CreateLogger<GossipNode>();
        Identities = new IdentityStore(options.TrustBundle, context.Time);
        Counters = new NodeCounters();
        Comm = new GossipComm(context, transport, options.Signer, Identities, options.Comm ?? new CommOptions(), Counters, context.LoggerFactory.CreateLogger<GossipComm>());
        Endpoint = options.Endpoint ?? transport.ListenEndpoint;

        if (options.PresetMembership is { } preset)
        {
            Membership = preset;
        }
        else
        {
            _membershipService = new MembershipService(
                context,
                Comm,
                options.Signer,
                Identities,
                MembershipSettings(options, Endpoint),
                new ChannelOrganizationTopology(options.Channels),
                Counters,
                context.LoggerFactory.CreateLogger<MembershipService>());
            Membership = _membershipService;
        }

        Router = new ChannelRouter(Comm, Comm.Rejections);
        var channelSettings = options.EffectiveChannelSettings();
        var disseminationSettings = options.EffectiveDissemination();
        foreach (var config in options.Channels)
        {
            var channel = new GossipChannel(config, context, Comm, options.Signer, Identities, Membership, channelSettings, Comm.Rejections, options.Role);
            var dissemination = new ChannelDissemination(channel, context, disseminationSettings.Clone(), options.DataValidator, Comm.Rejections);
            var parts = new ChannelParts(channel, dissemination, new ContiguousHeight(options.InitialHeight));
            dissemination.Delivered += d => OnDelivered(parts, d);
            Router.Add(channel);
            _channels.Add(config.Name, parts);
        }
    }

    /// <summary>The node's clock, randomness and gate.</summary>
    public NodeContext Context { get; }

    /// <summary>This node's identity.</summary>
    public PeerIdentity Identity => _options.Signer.Identity;

    /// <summary>The endpoint peers of this node's organization dial.</summary>
    public string Endpoint { get; }

    /// <summary>The verified identities this node knows.</summary>
    public IdentityStore Identities { get; }

    /// <summary>Every event counter of the node, rejections by reason included.</summary>
    public NodeCounters Counters { get; }

    /// <summary>The comm layer.</summary>
    public GossipComm Comm { get; }

    /// <summary>The membership view.</summary>
    public IMembershipView Membership { get; }

    /// <summary>Routes channel messages to the joined channels.</summary>
    public ChannelRouter Router { get; }

    /// <summary>The joined channels' names.</summary>
    public IEnumerable<string> ChannelNames => _channels.Keys;

    /// <summary>The current views of the joined channels.</summary>
    public ImmutableDictionary<string, ChannelView> ChannelViews =>
        _channels.ToImmutableDictionary(c => c.Key, c => c.Value.Channel.View, StringComparer.Ordinal);

    /// <summary>Raised (under the gate) once per valid data item that reached this node from a peer.</summary>
    public event Action<DeliveredData>? DataDelivered;

    /// <summary>The channel <paramref name="name"/>.</summary>
    public GossipChannel Channel(string name) => Parts(name).Channel;

    /// <summary>The dissemination of channel <paramref name="name"/>.</summary>
    public ChannelDissemination Dissemination(string name) => Parts(name).Dissemination;

    /// <summary>Starts comm, membership, the channels and dissemination.</summary>
    public void Start()
    {
        lock (Context.Gate)
        {
            if (_started)
            {
                return;
            }

            _started = true;
            Comm.Start();
            _membershipService?.Start();
            foreach (var parts in _channels.Values)
            {
                if (_options.InitialHeight > 0)
                {
                    parts.Channel.UpdateLedgerHeight(_options.InitialHeight);
                }

                parts.Channel.Start();
                parts.Dissemination.Start();
            }

            Log.Started(_log, Identity.PkiId.Short, Identity.MspId, Endpoint, _channels.Count);
        }
    }

    /// <summary>Disseminates item <paramref name="seq"/> of <paramref name="channel"/> that this node obtained itself
    /// (the leader's block from the orderer), with its W3C trace context.</summary>
    public void Publish(string channel, ulong seq, ReadOnlyMemory<byte> data, string? traceParent = null, string? traceState = null)
    {
        var parts = Parts(channel);
        lock (Context.Gate)
        {
            parts.Dissemination.Publish(seq, data, traceParent, traceState);
            if (_options.TrackHeightFromDeliveries && parts.Height.Add(seq))
            {
                parts.Channel.UpdateLedgerHeight(parts.Height.Value);
            }
        }
    }

    /// <summary>Reports this node's committed ledger height in <paramref name="channel"/> (from the block layer).</summary>
    public void UpdateLedgerHeight(string channel, ulong height) => Parts(channel).Channel.UpdateLedgerHeight(height);

    /// <summary>Sets whether this node leads its organization in <paramref name="channel"/>.</summary>
    public void SetLeader(string channel, bool leader) => Parts(channel).Channel.SetLeader(leader);

    /// <summary>Leaves on purpose: announces the departure from every channel and from membership, so peers drop
    /// this node at once, then stops all timers and connections.</summary>
    public void LeaveAndStop()
    {
        lock (Context.Gate)
        {
            if (_stopped)
            {
                return;
            }

            foreach (var parts in _channels.Values)
            {
                parts.Channel.Leave();
            }

            _membershipService?.Leave();
            Stop();
        }
    }

    /// <summary>Stops without announcing anything (like a crash, for tests of failure handling).</summary>
    public void Stop()
    {
        lock (Context.Gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            foreach (var parts in _channels.Values)
            {
                parts.Dissemination.Dispose();
                parts.Channel.Dispose();
            }

            _membershipService?.Stop();
            Comm.Stop();
            Log.Stopped(_log, Identity.PkiId.Short);
        }
    }

    private static MembershipOptions MembershipSettings(GossipNodeOptions options, string endpoint)
    {
        var settings = options.Membership
            ?? (options.Profile == GossipProfile.FabricDefaults
                ? MembershipOptions.FabricDefaults(endpoint, options.ExternalEndpoint)
                : new MembershipOptions());
        if (string.IsNullOrEmpty(settings.Endpoint))
        {
            settings.Endpoint = endpoint;
        }

        settings.ExternalEndpoint ??= options.ExternalEndpoint;
        foreach (var peer in options.Bootstrap.Where(p => p != endpoint && !settings.Bootstrap.Contains(p)))
        {
            settings.Bootstrap.Add(peer);
        }

        var own = new[] { endpoint, options.ExternalEndpoint };
        foreach (var anchor in options.Channels.SelectMany(c => c.AllAnchorPeers).Distinct(StringComparer.Ordinal))
        {
            if (!own.Contains(anchor) && !settings.AnchorPeers.Contains(anchor))
            {
                settings.AnchorPeers.Add(anchor);
            }
        }

        return settings;
    }

    private ChannelParts Parts(string channel) =>
        _channels.TryGetValue(channel, out var parts)
            ? parts
            : throw new ArgumentException($"This node has not joined channel '{channel}'.", nameof(channel));

    private void OnDelivered(ChannelParts parts, DeliveredData data)
    {
        if (_options.TrackHeightFromDeliveries && parts.Height.Add(data.Seq))
        {
            parts.Channel.UpdateLedgerHeight(parts.Height.Value);
        }

        DataDelivered?.Invoke(data);
    }

    private sealed record ChannelParts(GossipChannel Channel, ChannelDissemination Dissemination, ContiguousHeight Height);

    private static partial class Log
    {
        [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Gossip node {Peer} of {MspId} started on {Endpoint} with {Channels} channels")]
        public static partial void Started(ILogger logger, string peer, string mspId, string endpoint, int channels);

        [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Gossip node {Peer} stopped")]
        public static partial void Stopped(ILogger logger, string peer);
    }
}
