namespace K8sGossip.Gossip.Identity;

/// <summary>Why an identity or a signature was refused; each reason is counted separately.</summary>
public enum IdentityRejection
{
    /// <summary>Accepted.</summary>
    None,

    /// <summary>The bytes are not a certificate.</summary>
    Malformed,

    /// <summary>The certificate does not chain to the CA of the organization it claims.</summary>
    UnknownAuthority,

    /// <summary>Expired or not yet valid.</summary>
    Expired,

    /// <summary>The claimed PKI-ID does not match the certificate and MSP ID.</summary>
    PkiIdMismatch,

    /// <summary>The signature does not verify.</summary>
    BadSignature,

    /// <summary>No identity is known for the PKI-ID.</summary>
    UnknownPeer,
}

/// <summary>
/// The identities this node has verified, keyed by PKI-ID, with expiry and replacement on renewal.
/// Trust comes from the configured organizations' CA certificates.
/// </summary>
public interface IIdentityStore
{
    /// <summary>Validates a certificate for <paramref name="mspId"/> (chain to that org's CA, validity period) and,
    /// when <paramref name="claimedPkiId"/> is given, that it names the same PKI-ID. Valid identities are stored
    /// (a renewed certificate of the same peer replaces the old one).</summary>
    IdentityRejection TryLearn(string mspId, ReadOnlySpan<byte> certificateDer, PkiId? claimedPkiId, out PeerIdentity? identity);

    /// <summary>A stored, unexpired identity.</summary>
    bool TryGet(PkiId pkiId, out PeerIdentity identity);

    /// <summary>Verifies a signature made by the stored identity of <paramref name="signer"/>.</summary>
    IdentityRejection Verify(PkiId signer, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);

    /// <summary>Whether <paramref name="mspId"/> is a configured organization.</summary>
    bool IsKnownOrganization(string mspId);

    /// <summary>Removes identities whose certificates expired; returns their PKI-IDs so their connections can be closed.</summary>
    IReadOnlyList<PkiId> PurgeExpired();
}
