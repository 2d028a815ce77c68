namespace K8sGossip.Sidecar.Configuration.Model;

/// <summary>How a new block is pushed to the other peers of the organization.</summary>
public enum PushStrategy
{
    /// <summary>Eager push along a spanning tree plus lazy announcements to other peers, with immediate repair (Plumtree).</summary>
    Tree,

    /// <summary>Fabric's infect-and-die push: each new block is forwarded once to <c>propagatePeerNum</c> random peers.</summary>
    Random,
}
