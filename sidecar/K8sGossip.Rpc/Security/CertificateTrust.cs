using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace K8sGossip.Rpc.Security;

/// <summary>Decides whether a peer certificate is trusted; the caller owns the trust decision.</summary>
/// <param name="certificate">The peer's certificate.</param>
/// <param name="chain">The chain the platform built (may be null).</param>
/// <param name="errors">The platform's verdict under <see cref="CertificateTrust.ValidatorDecidesPolicy"/>, which trusts no root by itself: the validator decides.</param>
public delegate bool PeerCertificateValidator(X509Certificate2 certificate, X509Chain? chain, SslPolicyErrors errors);

/// <summary>Ready-made certificate validators.</summary>
public static class CertificateTrust
{
    /// <summary>
    /// The chain policy TLS uses when a <see cref="PeerCertificateValidator"/> decides trust: no root is trusted by the
    /// policy itself and nothing is downloaded or checked for revocation. Without it, every handshake would build a
    /// chain against the system's root store (sorting and comparing its ~150 names in OpenSSL), only for the validator
    /// to ignore the outcome; on a node that opens many peer connections that was the largest CPU cost of joining.
    /// </summary>
    public static X509ChainPolicy ValidatorDecidesPolicy() => new()
    {
        TrustMode = X509ChainTrustMode.CustomRootTrust,
        RevocationMode = X509RevocationMode.NoCheck,
        DisableCertificateDownloads = true,
    };

    /// <summary>Trusts a certificate that chains to one of <paramref name="roots"/>, ignoring the system store and revocation.</summary>
    public static PeerCertificateValidator ChainsToAny(IReadOnlyCollection<X509Certificate2> roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        if (roots.Count == 0)
        {
            throw new ArgumentException("At least one trusted root certificate is required.", nameof(roots));
        }

        X509Certificate2[] trusted = [.. roots];
        return (certificate, _, _) => ChainsTo(certificate, trusted);
    }

    /// <summary>True when <paramref name="certificate"/> builds a valid chain ending in one of <paramref name="roots"/>.</summary>
    public static bool ChainsTo(X509Certificate2 certificate, IReadOnlyCollection<X509Certificate2> roots)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(roots);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        foreach (var root in roots)
        {
            chain.ChainPolicy.CustomTrustStore.Add(root);
        }

        return chain.Build(certificate);
    }
}
