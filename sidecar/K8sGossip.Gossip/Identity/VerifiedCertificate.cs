using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace K8sGossip.Gossip.Identity;

/// <summary>The outcome of validating one certificate for one organization, with what verification needs
/// (the identity and a cached public key). Shared by every store on the same <see cref="TrustBundle"/>.</summary>
internal sealed class VerifiedCertificate
{
    private readonly Lock _gate = new();
    private ECDsa? _publicKey;

    public VerifiedCertificate(IdentityRejection rejection, PeerIdentity? identity, DateTimeOffset notBefore, DateTimeOffset notAfter, string subject)
    {
        Rejection = rejection;
        Identity = identity;
        NotBefore = notBefore;
        NotAfter = notAfter;
        Subject = subject;
    }

    /// <summary>None when the certificate chains to its organization's CA (validity period checked separately).</summary>
    public IdentityRejection Rejection { get; }

    public PeerIdentity? Identity { get; }

    /// <summary>The later of the certificate's and its CA's start.</summary>
    public DateTimeOffset NotBefore { get; }

    /// <summary>The earlier of the certificate's and its CA's end.</summary>
    public DateTimeOffset NotAfter { get; }

    /// <summary>The subject distinguished name; a renewed certificate keeps it.</summary>
    public string Subject { get; }

    public bool IsValidAt(DateTimeOffset now) => now >= NotBefore && now <= NotAfter;

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (Identity is null || signature.IsEmpty)
        {
            return false;
        }

        lock (_gate)
        {
            _publicKey ??= Identity.Certificate.GetECDsaPublicKey();
            return _publicKey is not null
                && _publicKey.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
    }

    public static VerifiedCertificate Refused(IdentityRejection rejection) =>
        new(rejection, null, DateTimeOffset.MaxValue, DateTimeOffset.MinValue, string.Empty);

    public static VerifiedCertificate Validate(string mspId, ReadOnlySpan<byte> der, IReadOnlyList<X509Certificate2> authorities)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException)
        {
            return Refused(IdentityRejection.Malformed);
        }

        try
        {
            using (var key = certificate.GetECDsaPublicKey())
            {
                if (key is null || key.KeySize != 256)
                {
                    certificate.Dispose();
                    return Refused(IdentityRejection.Malformed);
                }
            }

            if (certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority))
            {
                certificate.Dispose();
                return Refused(IdentityRejection.UnknownAuthority); // a CA certificate is not a peer identity
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(authorities.ToArray());
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.DisableCertificateDownloads = true;
            // Time validity is checked on every use against the node's clock, so the cached result stays time-free.
            chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
            if (!chain.Build(certificate) || chain.ChainElements.Count < 2)
            {
                certificate.Dispose();
                return Refused(IdentityRejection.UnknownAuthority);
            }

            var notBefore = DateTimeOffset.MinValue;
            var notAfter = DateTimeOffset.MaxValue;
            foreach (var element in chain.ChainElements)
            {
                var from = new DateTimeOffset(element.Certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
                var to = new DateTimeOffset(element.Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
                notBefore = from > notBefore ? from : notBefore;
                notAfter = to < notAfter ? to : notAfter;
            }

            var identity = new PeerIdentity(PkiId.Compute(mspId, der), mspId, certificate);
            return new VerifiedCertificate(IdentityRejection.None, identity, notBefore, notAfter, certificate.Subject);
        }
        catch (CryptographicException)
        {
            certificate.Dispose();
            return Refused(IdentityRejection.Malformed);
        }
    }
}
