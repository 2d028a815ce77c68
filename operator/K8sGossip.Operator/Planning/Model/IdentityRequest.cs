namespace K8sGossip.Operator.Planning;

/// <summary>A certificate to issue: a peer's or the orderer's signing identity, or its TLS certificate.</summary>
/// <param name="Name">The common name: the peer's or orderer's name.</param>
/// <param name="MspId">The MSP ID of the issuing organization.</param>
/// <param name="Role">Peer or orderer.</param>
/// <param name="Purpose">Signing identity or TLS.</param>
/// <param name="DnsNames">Subject alternative DNS names (TLS only).</param>
/// <param name="IpAddresses">Subject alternative IP addresses (TLS only).</param>
public sealed record IdentityRequest(
    string Name,
    string MspId,
    IdentityRole Role,
    CertificatePurpose Purpose,
    IReadOnlyList<string> DnsNames,
    IReadOnlyList<string> IpAddresses);

/// <summary>What an identity belongs to.</summary>
public enum IdentityRole
{
    /// <summary>A peer.</summary>
    Peer,

    /// <summary>An orderer.</summary>
    Orderer,
}

/// <summary>What a certificate is for.</summary>
public enum CertificatePurpose
{
    /// <summary>Signs messages; its PKI-ID names the node.</summary>
    Signing,

    /// <summary>Authenticates mutual-TLS connections.</summary>
    Tls,
}
