using K8sGossip.Kubernetes.Client;

namespace K8sGossip.Operator.Crds;

/// <summary>The API group and version of the K8sGossip custom resources, and where each kind lives in the API.</summary>
public static class GossipApi
{
    /// <summary>The API group.</summary>
    public const string Group = "gossip.k8sgossip.io";

    /// <summary>The served and stored version.</summary>
    public const string Version = "v1alpha1";

    /// <summary>The <c>apiVersion</c> of every K8sGossip object.</summary>
    public const string ApiVersion = Group + "/" + Version;

    /// <summary>The kubectl category that lists all K8sGossip kinds (<c>kubectl get k8sgossip</c>).</summary>
    public const string Category = "k8sgossip";

    /// <summary>Where Organizations live.</summary>
    public static readonly ResourceDescriptor Organizations = new(Group, Version, "organizations", "Organization", Namespaced: true);

    /// <summary>Where Channels live.</summary>
    public static readonly ResourceDescriptor Channels = new(Group, Version, "channels", "Channel", Namespaced: true);

    /// <summary>Where AnchorPeers live.</summary>
    public static readonly ResourceDescriptor AnchorPeers = new(Group, Version, "anchorpeers", "AnchorPeer", Namespaced: true);

    /// <summary>The client binding for Organizations.</summary>
    public static KubeResource<Organization> OrganizationResource { get; } =
        new(Organizations, GossipJsonContext.Default.Organization, GossipJsonContext.Default.KubeListOrganization);

    /// <summary>The client binding for Channels.</summary>
    public static KubeResource<Channel> ChannelResource { get; } =
        new(Channels, GossipJsonContext.Default.Channel, GossipJsonContext.Default.KubeListChannel);

    /// <summary>The client binding for AnchorPeers.</summary>
    public static KubeResource<AnchorPeer> AnchorPeerResource { get; } =
        new(AnchorPeers, GossipJsonContext.Default.AnchorPeer, GossipJsonContext.Default.KubeListAnchorPeer);
}
