using K8sGossip.Sidecar.Configuration.Keys;
using K8sGossip.Sidecar.Configuration.Model;
using K8sGossip.Sidecar.Configuration.Values;

namespace K8sGossip.Sidecar.Configuration.Loading;

/// <summary>Builds the immutable <see cref="SidecarConfiguration"/> from resolved values that are all valid and consistent.</summary>
internal static class SidecarConfigurationBuilder
{
    /// <summary>Builds the configuration.</summary>
    public static SidecarConfiguration Build(ResolvedValues v)
    {
        var address = v.Get(PeerKeys.Address)!;
        var roles = ElectionRoles.From(v);
        return new SidecarConfiguration
        {
            Profile = v.Profile,
            Role = v.Get(SidecarKeys.Role),
            Peer = new PeerIdentitySettings(v.Get(PeerKeys.Id), address, v.Get(PeerKeys.LocalMspId), v.Get(PeerKeys.MspConfigPath)),
            Tls = new TlsSettings(v.Get(PeerKeys.TlsCertFile), v.Get(PeerKeys.TlsKeyFile), v.Get(PeerKeys.TlsRootCertFile), v.Get(PeerKeys.TlsClientRootCasFiles)),
            Gossip = BuildGossip(v, address),
            Election = new ElectionSettings
            {
                Mode = roles.Mode,
                UseLeaderElection = roles.UseLeaderElection,
                OrgLeader = roles.OrgLeader,
                StartupGracePeriod = v.Get(GossipElectionKeys.StartupGracePeriod),
                MembershipSampleInterval = v.Get(GossipElectionKeys.MembershipSampleInterval),
                LeaderAliveThreshold = v.Get(GossipElectionKeys.LeaderAliveThreshold),
                LeaderElectionDuration = v.Get(GossipElectionKeys.LeaderElectionDuration),
                HeightTolerance = v.Get(LeaderElectionKeys.HeightTolerance),
                YieldPeriod = v.Get(LeaderElectionKeys.YieldPeriod),
                LeaseDuration = v.Get(LeaderElectionKeys.LeaseDuration),
                LeaseRenewDeadline = v.Get(LeaderElectionKeys.LeaseRenewDeadline),
                LeaseRetryPeriod = v.Get(LeaderElectionKeys.LeaseRetryPeriod),
            },
            StateTransfer = new StateTransferSettings(
                v.Get(StateTransferKeys.Enabled),
                v.Get(StateTransferKeys.CheckInterval),
                v.Get(StateTransferKeys.ResponseTimeout),
                v.Get(StateTransferKeys.BatchSize),
                v.Get(StateTransferKeys.BlockBufferSize),
                v.Get(StateTransferKeys.MaxRetries),
                v.Get(DisseminationKeys.ReorderMaxBytes)),
            DeliveryClient = new DeliveryClientSettings(v.Get(DeliveryClientKeys.ConnTimeout), v.Get(DeliveryClientKeys.ReconnectTotalTimeThreshold)),
            FailureDetection = new FailureDetectionSettings(
                v.Get(FailureDetectionKeys.Enabled),
                v.Get(FailureDetectionKeys.ProbeInterval),
                v.Get(FailureDetectionKeys.ProbeTimeout),
                v.Get(FailureDetectionKeys.ProbeDialAllowance),
                v.Get(FailureDetectionKeys.IndirectProbes),
                v.Get(FailureDetectionKeys.SuspicionMultiplier),
                v.Get(FailureDetectionKeys.SuspicionMaxMultiplier),
                v.Get(FailureDetectionKeys.SuspicionConfirmations),
                v.Get(FailureDetectionKeys.ConfirmationProbers),
                v.Get(FailureDetectionKeys.MaxLocalHealthScore)),
            Dissemination = new DisseminationSettings(
                v.Get(DisseminationKeys.Push),
                v.Get(DisseminationKeys.EagerFanout),
                v.Get(DisseminationKeys.LazyFanout),
                v.Get(DisseminationKeys.IHaveBatchSize),
                v.Get(DisseminationKeys.IHaveBatchDelay),
                v.Get(DisseminationKeys.GraftTimeout),
                v.Get(DisseminationKeys.GraftRetryTimeout),
                v.Get(DisseminationKeys.MaxPullItems),
                v.Get(DisseminationKeys.FarBehindThreshold),
                v.Get(GossipKeys.MaxBlockCountToStore),
                v.Get(DisseminationKeys.StoreMaxBytes),
                v.Get(DisseminationKeys.StoreMaxAge)),
            Orderer = new OrdererSettings(
                NonNull(v.Get(OrdererKeys.Endpoints)),
                v.Get(OrdererKeys.MspId),
                v.Get(OrdererKeys.BatchMaxMessages),
                v.Get(OrdererKeys.BatchMaxBytes),
                v.Get(OrdererKeys.BatchTimeout),
                v.Get(OrdererKeys.GeneratorRate),
                v.Get(OrdererKeys.GeneratorBlockBytes)),
            Ports = new PortSettings(v.Get(SidecarKeys.PeerPort), v.Get(SidecarKeys.AdminPort), v.Get(SidecarKeys.LocalApiPort)),
            Kubernetes = new KubernetesSettings(
                v.Get(LeaderElectionKeys.KubernetesNamespace),
                v.Get(LeaderElectionKeys.KubernetesApiServer),
                v.Get(LeaderElectionKeys.KubernetesTokenFile),
                v.Get(LeaderElectionKeys.KubernetesCaFile)),
            DataDir = v.Get(SidecarKeys.DataDir),
            ChannelsFile = v.Get(SidecarKeys.ChannelsFile),
        };
    }

    private static GossipSettings BuildGossip(ResolvedValues v, HostPort address) => new()
    {
        Bootstrap = NonNull(v.Get(GossipKeys.Bootstrap)),
        Endpoint = v.Get(GossipKeys.GossipEndpoint) ?? address,
        ExternalEndpoint = v.Get(GossipKeys.ExternalEndpoint),
        PropagatePeerNum = v.Get(GossipKeys.PropagatePeerNum),
        PropagateIterations = v.Get(GossipKeys.PropagateIterations),
        MaxPropagationBurstSize = v.Get(GossipKeys.MaxPropagationBurstSize),
        MaxPropagationBurstLatency = v.Get(GossipKeys.MaxPropagationBurstLatency),
        PullInterval = v.Get(GossipKeys.PullInterval),
        PullPeerNum = v.Get(GossipKeys.PullPeerNum),
        RequestStateInfoInterval = v.Get(GossipKeys.RequestStateInfoInterval),
        PublishStateInfoInterval = v.Get(GossipKeys.PublishStateInfoInterval),
        AliveTimeInterval = v.Get(GossipKeys.AliveTimeInterval),
        AliveExpirationTimeout = v.Get(GossipKeys.AliveExpirationTimeout),
        ReconnectInterval = v.Get(GossipKeys.ReconnectInterval),
        MaxConnectionAttempts = v.Get(GossipKeys.MaxConnectionAttempts),
        MsgExpirationFactor = v.Get(GossipKeys.MsgExpirationFactor),
        MaxBlockCountToStore = v.Get(GossipKeys.MaxBlockCountToStore),
        DigestWaitTime = v.Get(GossipKeys.DigestWaitTime),
        RequestWaitTime = v.Get(GossipKeys.RequestWaitTime),
        ResponseWaitTime = v.Get(GossipKeys.ResponseWaitTime),
        DialTimeout = v.Get(GossipKeys.DialTimeout),
        ConnTimeout = v.Get(GossipKeys.ConnTimeout),
        SendBuffSize = v.Get(GossipKeys.SendBuffSize),
        RecvBuffSize = v.Get(GossipKeys.RecvBuffSize),
    };

    private static HostPort[] NonNull(IReadOnlyList<HostPort?> endpoints) => [.. endpoints.OfType<HostPort>()];
}
