namespace K8sGossip.Sidecar.Configuration.Model;

/// <summary>The set of defaults applied to every key the user does not set.</summary>
public enum ConfigurationProfile
{
    /// <summary>K8sGossip's tuned values for a Kubernetes network: faster failure detection, eager/lazy push, streaming catch-up.</summary>
    Default,

    /// <summary>Hyperledger Fabric's own defaults, to run a Fabric-like baseline for comparison.</summary>
    FabricDefaults,
}
