using K8sGossip.Gossip.Blocks;

namespace K8sGossip.Sidecar.Deliver;

/// <summary>Where a Deliver stream is read from: which source (the orderer or a peer) and its address.</summary>
public sealed record BlockSourceEndpoint(DeliverSource Source, Uri Address)
{
    /// <summary>An orderer endpoint.</summary>
    public static BlockSourceEndpoint Orderer(Uri address) => new(DeliverSource.Orderer, address);

    /// <inheritdoc />
    public override string ToString() => $"{Source} at {Address.Authority}";
}
