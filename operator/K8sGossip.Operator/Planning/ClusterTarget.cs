namespace K8sGossip.Operator.Planning;

/// <summary>A Kubernetes cluster: one StatefulSet per organization behind a headless Service.</summary>
/// <param name="ClusterDomain">The cluster's DNS domain.</param>
public sealed record ClusterTarget(string ClusterDomain = ClusterTarget.DefaultClusterDomain) : PlanningTarget
{
    /// <summary>The usual cluster domain.</summary>
    public const string DefaultClusterDomain = "cluster.local";

    /// <summary>The peer (gossip and Deliver) port of every peer pod.</summary>
    public const int PeerPort = 7051;

    /// <summary>The admin and health port of every peer pod.</summary>
    public const int AdminPort = 9443;

    /// <summary>The local application API port inside every peer pod (localhost only).</summary>
    public const int LocalApiPort = 7053;

    /// <summary>Where each peer pod mounts its volume.</summary>
    public const string DataDirectory = "/var/lib/k8sgossip";
}
