namespace K8sGossip.Operator.Planning;

/// <summary>Where a network is planned to run: local processes on 127.0.0.1, or pods in a Kubernetes cluster.</summary>
public abstract record PlanningTarget
{
    /// <summary>The namespace of resources that name none.</summary>
    public string DefaultNamespace { get; init; } = "default";

    /// <summary>A local network on 127.0.0.1: ports allocated upward from <paramref name="basePort"/>, files under <paramref name="stateDirectory"/>.</summary>
    public static LocalTarget Local(string stateDirectory, int basePort = LocalTarget.DefaultBasePort) => new(stateDirectory, basePort);

    /// <summary>A Kubernetes cluster whose Services resolve under <paramref name="clusterDomain"/>.</summary>
    public static ClusterTarget Cluster(string clusterDomain = ClusterTarget.DefaultClusterDomain) => new(clusterDomain);
}
