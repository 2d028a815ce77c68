using System.Collections.Immutable;
using K8sGossip.Gossip.Blocks;
using K8sGossip.Gossip.Channels;
using K8sGossip.Gossip.Comm;
using K8sGossip.Gossip.Dissemination;
using K8sGossip.Gossip.Election;
using K8sGossip.Gossip.Membership;
using K8sGossip.Gossip.Node;
using K8sGossip.Sidecar.Configuration;
using K8sGossip.Sidecar.Configuration.Channels;
using K8sGossip.Sidecar.Configuration.Model;
using K8sGossip.Sidecar.Configuration.Values;
using K8sGossip.Sidecar.Deliver;
using K8sGossip.Transport;

namespace K8sGossip.Sidecar.Hosting;

/// <summary>The one place where the sidecar's configuration becomes the engine's option objects.</summary>
internal static class EngineOptionsMapper
{
    /// <summary>Largest block accepted by default (the engine's default, bounded by the reorder window's bytes).</summary>
    private const int DefaultMaxBlockBytes = 16 * 1024 * 1024;

    /// <summary>The engine's profile for the configuration's profile.</summary>
    public static GossipProfile Profile(SidecarConfiguration configuration) =>
        configuration.Profile == ConfigurationProfile.FabricDefaults ? GossipProfile.FabricDefaults : GossipProfile.Default;

    /// <summary><c>host:port</c> text of an endpoint, with IPv6 hosts bracketed.</summary>
    public static string Text(HostPort endpoint) =>
        endpoint.Host.Contains(':', StringComparison.Ordinal) ? $"[{endpoint.Host}]:{endpoint.Port}" : $"{endpoint.Host}:{endpoint.Port}";

    /// <summary>The https address of a Deliver endpoint.</summary>
    public static Uri DeliverAddress(HostPort endpoint) => new($"https://{Text(endpoint)}");

    /// <summary>Membership: endpoints, alive timing, failure detection.</summary>
    public static MembershipOptions Membership(SidecarConfiguration configuration)
    {
        var gossip = configuration.Gossip;
        var detection = configuration.FailureDetection;
        return new MembershipOptions
        {
            Endpoint = Text(gossip.Endpoint),
            ExternalEndpoint = gossip.ExternalEndpoint is { } external ? Text(external) : null,
            Bootstrap = [.. gossip.Bootstrap.Select(Text)],
            FailureDetection = detection.Enabled ? FailureDetection.Swim : FailureDetection.AliveExpiration,
            AliveTimeInterval = gossip.AliveTimeInterval,
            AliveExpirationTimeout = gossip.AliveExpirationTimeout,
            MessageExpirationFactor = gossip.MsgExpirationFactor,
            ReconnectInterval = gossip.ReconnectInterval,
            PullInterval = gossip.PullInterval,
            PullPeerNum = gossip.PullPeerNum,
            PropagatePeerNum = gossip.PropagatePeerNum,
            ProbeInterval = detection.ProbeInterval,
            ProbeTimeout = detection.ProbeTimeout,
            ProbeDialAllowance = detection.ProbeDialAllowance,
            IndirectProbes = detection.IndirectProbes,
            SuspicionMultiplier = detection.SuspicionMultiplier,
            SuspicionMaxMultiplier = detection.SuspicionMaxMultiplier,
            SuspicionConfirmations = detection.SuspicionConfirmations,
            ConfirmationProbers = detection.ConfirmationProbers,
            MaxLocalHealthScore = detection.MaxLocalHealthScore,
        };
    }

    /// <summary>Block push, pull and the pull store.</summary>
    public static DisseminationOptions Dissemination(SidecarConfiguration configuration)
    {
        var gossip = configuration.Gossip;
        var settings = configuration.Dissemination;
        var random = settings.Push == PushStrategy.Random;
        return new DisseminationOptions
        {
            PushMode = random ? PushMode.InfectAndDie : PushMode.Plumtree,
            Fanout = random ? gossip.PropagatePeerNum : settings.EagerFanout,
            LazyFanout = settings.LazyFanout,
            LazyBatchDelay = settings.IHaveBatchDelay,
            GraftTimeout = settings.GraftTimeout,
            GraftRetryTimeout = settings.GraftRetryTimeout,
            PushBatchDelay = gossip.MaxPropagationBurstLatency,
            FarBehindThreshold = settings.FarBehindThreshold == 0 ? ulong.MaxValue : (ulong)settings.FarBehindThreshold,
            PullEnabled = true,
            PullInterval = gossip.PullInterval,
            PullPeers = gossip.PullPeerNum,
            DigestWaitTime = gossip.DigestWaitTime,
            RequestWaitTime = gossip.RequestWaitTime,
            ResponseWaitTime = gossip.ResponseWaitTime,
            MaxPullItems = settings.MaxPullItems,
            StoreMaxCount = settings.StoreMaxBlocks,
            StoreMaxBytes = settings.StoreMaxBytes,
            StoreMaxAge = settings.StoreMaxAge,
        };
    }

    /// <summary>StateInfo publication and pull.</summary>
    public static ChannelOptions Channels(SidecarConfiguration configuration) => new()
    {
        StateInfoMinInterval = configuration.Gossip.PublishStateInfoInterval,
        StateInfoPullInterval = configuration.Gossip.RequestStateInfoInterval,
        StateInfoPullPeers = configuration.Gossip.PullPeerNum,
    };

    /// <summary>Connections: the handshake deadline.</summary>
    public static CommOptions Comm(SidecarConfiguration configuration) => new()
    {
        HandshakeTimeout = configuration.Gossip.ConnTimeout,
    };

    /// <summary>Dynamic election timing.</summary>
    public static ElectionOptions Election(SidecarConfiguration configuration)
    {
        var election = configuration.Election;
        return new ElectionOptions
        {
            StartupGracePeriod = election.StartupGracePeriod,
            MembershipSampleInterval = election.MembershipSampleInterval,
            LeaderAliveThreshold = election.LeaderAliveThreshold,
            LeaderElectionDuration = election.LeaderElectionDuration,
            HeightTolerance = (ulong)election.HeightTolerance,
            YieldPeriod = election.YieldPeriod,
        };
    }

    /// <summary>The block layer: reorder window in blocks and bytes.</summary>
    public static BlockOptions Blocks(SidecarConfiguration configuration)
    {
        var state = configuration.StateTransfer;
        return new BlockOptions
        {
            MaxBlockBytes = (int)Math.Min(DefaultMaxBlockBytes, state.ReorderMaxBytes),
            ReorderWindow = state.BlockBufferSize,
            ReorderMaxBlocks = Math.Min(new BlockOptions().ReorderMaxBlocks, state.BlockBufferSize),
            ReorderMaxBytes = state.ReorderMaxBytes,
        };
    }

    /// <summary>The Deliver client's pipelining and retry.</summary>
    public static DeliverClientOptions DeliverClient(SidecarConfiguration configuration) => new()
    {
        MaxBlocksInFlight = Math.Max(1, configuration.StateTransfer.BlockBufferSize - 1),
    };

    /// <summary>The adaptive source loop of one channel.</summary>
    public static BlockSourceLoopOptions SourceLoop(SidecarConfiguration configuration, ChannelDefinition channel) => new()
    {
        Threshold = (ulong)channel.AdaptiveThreshold,
        EvaluationInterval = configuration.StateTransfer.CheckInterval < TimeSpan.FromSeconds(1) ? configuration.StateTransfer.CheckInterval : TimeSpan.FromSeconds(1),
        ProbeTimeout = configuration.DeliveryClient.ConnTimeout,
    };

    /// <summary>The gossip transport's queues and dial timeout (certificate and trust are added by the caller).</summary>
    public static GrpcTransportOptions Transport(SidecarConfiguration configuration, System.Net.IPAddress bind) => new()
    {
        ListenEndPoint = new System.Net.IPEndPoint(bind, configuration.Ports.Peer),
        AdvertisedEndpoint = Text(configuration.Gossip.Endpoint),
        SendQueueMaxFrames = configuration.Gossip.SendBuffSize,
        ReceiveBufferFrames = configuration.Gossip.RecvBuffSize,
        ConnectTimeout = configuration.Gossip.DialTimeout,
    };

    /// <summary>The engine's view of one channel.</summary>
    public static ChannelConfig Channel(ChannelDefinition channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var anchors = channel.AnchorPeers
            .GroupBy(a => a.Organization, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.Select(a => Text(a.Endpoint)).ToImmutableArray(), StringComparer.Ordinal);
        return new ChannelConfig(channel.Name, [.. channel.Organizations], anchors, Mode(channel.Dissemination), channel.AdaptiveThreshold);
    }

    /// <summary>The engine's name of a dissemination mode.</summary>
    public static ChannelDisseminationMode Mode(BlockDisseminationMode mode) => mode switch
    {
        BlockDisseminationMode.Direct => ChannelDisseminationMode.Direct,
        BlockDisseminationMode.Adaptive => ChannelDisseminationMode.Adaptive,
        _ => ChannelDisseminationMode.Gossip,
    };
}
