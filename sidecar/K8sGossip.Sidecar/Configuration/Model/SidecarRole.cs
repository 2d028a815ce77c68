namespace K8sGossip.Sidecar.Configuration.Model;

/// <summary>What the sidecar process is.</summary>
public enum SidecarRole
{
    /// <summary>A gossip peer of an organization.</summary>
    Peer,

    /// <summary>A solo ordering service: cuts and signs blocks and serves them through Deliver.</summary>
    Orderer,
}
