using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace K8sGossip.Gossip.Identity;

/// <summary>Signs with a private key held in this process: ECDSA P-256 over SHA-256, DER-encoded signatures.</summary>
public sealed class LocalSigner : ISigner, IDisposable
{
    private readonly ECDsa _key;
    private readonly Lock _gate = new();

    /// <summary>Creates a signer for <paramref name="identity"/> with its private key.</summary>
    public LocalSigner(PeerIdentity identity, ECDsa privateKey)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(privateKey);
        Identity = identity;
        _key = privateKey;
    }

    /// <inheritdoc />
    public PeerIdentity Identity { get; }

    /// <summary>Creates a signer from a certificate that carries its ECDSA private key.</summary>
    public static LocalSigner FromCertificate(string mspId, X509Certificate2 certificateWithKey)
    {
        ArgumentNullException.ThrowIfNull(certificateWithKey);
        var key = certificateWithKey.GetECDsaPrivateKey()
            ?? throw new ArgumentException($"The certificate {certificateWithKey.Subject} has no ECDSA private key.", nameof(certificateWithKey));
        var publicOnly = X509CertificateLoader.LoadCertificate(certificateWithKey.RawData);
        return new LocalSigner(new PeerIdentity(PkiId.Compute(mspId, publicOnly.RawData), mspId, publicOnly), key);
    }

    /// <inheritdoc />
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        // ECDsa instances are not documented as thread-safe; real transports may sign from several threads.
        lock (_gate)
        {
            return _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
