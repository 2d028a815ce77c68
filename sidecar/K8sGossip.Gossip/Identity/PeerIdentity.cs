using System.Security.Cryptography.X509Certificates;

namespace K8sGossip.Gossip.Identity;

/// <summary>A verified identity: a certificate that chains to its organization's CA, and the PKI-ID it names.</summary>
public sealed record PeerIdentity(PkiId PkiId, string MspId, X509Certificate2 Certificate)
{
    /// <summary>The DER bytes of the certificate, as carried on the wire.</summary>
    public ReadOnlyMemory<byte> CertificateDer => Certificate.RawDataMemory;

    /// <summary>When the identity stops being valid.</summary>
    public DateTimeOffset NotAfter => new(Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
}
