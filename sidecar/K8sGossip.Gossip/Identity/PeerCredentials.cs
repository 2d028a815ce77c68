using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace K8sGossip.Gossip.Identity;

/// <summary>A peer's credentials: its identity certificate (signs gossip) and its TLS certificate, both with private keys.</summary>
/// <param name="MspId">The organization that issued them.</param>
/// <param name="IdentityCertificate">The signing certificate, with its private key.</param>
/// <param name="TlsCertificate">The TLS certificate (server and client authentication), with its private key.</param>
public sealed record PeerCredentials(string MspId, X509Certificate2 IdentityCertificate, X509Certificate2 TlsCertificate)
{
    /// <summary>The PKI-ID the identity certificate names.</summary>
    public PkiId PkiId => PkiId.Compute(MspId, IdentityCertificate.RawData);

    /// <summary>SHA-256 of the TLS certificate's DER bytes, as bound by the handshake.</summary>
    public byte[] TlsCertificateHash => SHA256.HashData(TlsCertificate.RawData);

    /// <summary>A signer holding the identity's private key.</summary>
    public LocalSigner CreateSigner() => LocalSigner.FromCertificate(MspId, IdentityCertificate);

    /// <summary>The identity certificate as PEM.</summary>
    public string ExportIdentityCertificatePem() => IdentityCertificate.ExportCertificatePem();

    /// <summary>The identity private key as PKCS#8 PEM.</summary>
    public string ExportIdentityKeyPem() => ExportKey(IdentityCertificate);

    /// <summary>The TLS certificate as PEM.</summary>
    public string ExportTlsCertificatePem() => TlsCertificate.ExportCertificatePem();

    /// <summary>The TLS private key as PKCS#8 PEM.</summary>
    public string ExportTlsKeyPem() => ExportKey(TlsCertificate);

    /// <summary>Loads credentials from PEM text (certificates and PKCS#8 or SEC1 keys).</summary>
    public static PeerCredentials FromPem(string mspId, string identityCertificatePem, string identityKeyPem, string tlsCertificatePem, string tlsKeyPem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mspId);
        return new PeerCredentials(
            mspId,
            X509Certificate2.CreateFromPem(identityCertificatePem, identityKeyPem),
            X509Certificate2.CreateFromPem(tlsCertificatePem, tlsKeyPem));
    }

    private static string ExportKey(X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPrivateKey()
            ?? throw new InvalidOperationException($"The certificate {certificate.Subject} has no ECDSA private key.");
        return key.ExportPkcs8PrivateKeyPem();
    }
}
