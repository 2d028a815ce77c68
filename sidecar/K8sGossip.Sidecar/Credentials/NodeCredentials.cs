using System.Security.Cryptography.X509Certificates;
using K8sGossip.Gossip.Identity;

namespace K8sGossip.Sidecar.Credentials;

/// <summary>Everything a sidecar proves and trusts, loaded from PEM files: its identity and TLS credentials, the
/// organizations' CAs, the CAs that verify TLS certificates, and the ordering service's signing identities.</summary>
/// <param name="Peer">The node's identity and TLS certificates, with their private keys.</param>
/// <param name="Trust">MSP ID → CA certificates (signatures and identities).</param>
/// <param name="TlsAuthorities">CA certificates a TLS certificate of the other side must chain to.</param>
/// <param name="Orderers">The ordering service's identities whose signatures make blocks valid (peer role).</param>
internal sealed record NodeCredentials(
    PeerCredentials Peer,
    TrustBundle Trust,
    IReadOnlyList<X509Certificate2> TlsAuthorities,
    IReadOnlyList<PeerIdentity> Orderers);
