using K8sGossip.Sidecar.Configuration.Model;

namespace K8sGossip.Sidecar.Configuration;

/// <summary>The sidecar's validated configuration: an immutable snapshot built once by <see cref="SidecarConfigurationLoader"/>.</summary>
public sealed record SidecarConfiguration
{
    /// <summary>The profile whose defaults filled unset keys.</summary>
    public required ConfigurationProfile Profile { get; init; }

    /// <summary>Peer or orderer.</summary>
    public required SidecarRole Role { get; init; }

    /// <summary>Who the peer is.</summary>
    public required PeerIdentitySettings Peer { get; init; }

    /// <summary>Mutual TLS files.</summary>
    public required TlsSettings Tls { get; init; }

    /// <summary>Gossip endpoints, push, pull and membership timing.</summary>
    public required GossipSettings Gossip { get; init; }

    /// <summary>Leadership.</summary>
    public required ElectionSettings Election { get; init; }

    /// <summary>Catch-up and the reorder window.</summary>
    public required StateTransferSettings StateTransfer { get; init; }

    /// <summary>Pulling from the orderer.</summary>
    public required DeliveryClientSettings DeliveryClient { get; init; }

    /// <summary>Probe-based failure detection.</summary>
    public required FailureDetectionSettings FailureDetection { get; init; }

    /// <summary>Block push and the pull store.</summary>
    public required DisseminationSettings Dissemination { get; init; }

    /// <summary>The ordering service.</summary>
    public required OrdererSettings Orderer { get; init; }

    /// <summary>Listening ports.</summary>
    public required PortSettings Ports { get; init; }

    /// <summary>Kubernetes API access.</summary>
    public required KubernetesSettings Kubernetes { get; init; }

    /// <summary>Absolute directory of durable state.</summary>
    public required string DataDir { get; init; }

    /// <summary>Absolute path of the channel configuration file.</summary>
    public required string ChannelsFile { get; init; }
}
