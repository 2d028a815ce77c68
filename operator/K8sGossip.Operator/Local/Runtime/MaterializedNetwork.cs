using K8sGossip.Operator.Planning;

namespace K8sGossip.Operator.Local.Runtime;

/// <summary>A network whose credentials and configuration are on disk, ready to start.</summary>
/// <param name="Plan">The plan it was written from.</param>
/// <param name="Layout">The state directory.</param>
/// <param name="Orderer">The solo orderer.</param>
/// <param name="Peers">Every peer, organizations in plan order.</param>
/// <param name="Client">The identity the tool submits transactions with.</param>
/// <param name="PkiIds">Each node's PKI-ID (hex), by node name.</param>
/// <param name="IssuedNodes">The nodes whose credentials were issued by this run (the others were reused).</param>
internal sealed record MaterializedNetwork(
    NetworkPlan Plan,
    StateLayout Layout,
    NodeLaunch Orderer,
    IReadOnlyList<NodeLaunch> Peers,
    ClientIdentityFiles Client,
    IReadOnlyDictionary<string, string> PkiIds,
    IReadOnlyList<string> IssuedNodes)
{
    /// <summary>The orderer, then every peer.</summary>
    public IReadOnlyList<NodeLaunch> Nodes => [Orderer, .. Peers];
}

/// <summary>The files of the tool's own TLS identity.</summary>
/// <param name="CertificateFile">Its TLS certificate (PEM).</param>
/// <param name="KeyFile">Its private key (PEM).</param>
/// <param name="TrustedCaFile">Every CA of the network (PEM bundle), to verify the orderer.</param>
internal sealed record ClientIdentityFiles(string CertificateFile, string KeyFile, string TrustedCaFile);
