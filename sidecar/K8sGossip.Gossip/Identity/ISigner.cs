namespace K8sGossip.Gossip.Identity;

/// <summary>This node's own identity and its private key: signs what the node says about itself.</summary>
public interface ISigner
{
    /// <summary>The node's verified identity.</summary>
    PeerIdentity Identity { get; }

    /// <summary>ECDSA P-256 signature (DER) over <paramref name="data"/>.</summary>
    byte[] Sign(ReadOnlySpan<byte> data);
}
