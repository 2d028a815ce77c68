using System.Collections.Frozen;
using System.Security.Cryptography.X509Certificates;

namespace K8sGossip.Gossip.Identity;

/// <summary>
/// The configured organizations and their CA certificates (MSP ID → CAs). Immutable; every
/// <see cref="IdentityStore"/> built on the same bundle shares its certificate-validation and signature caches,
/// so thousands of simulated nodes validate each certificate once.
/// </summary>
public sealed class TrustBundle
{
    private readonly FrozenDictionary<string, X509Certificate2[]> _authorities;

    /// <summary>Creates a bundle from MSP ID → CA certificates.</summary>
    public TrustBundle(IEnumerable<KeyValuePair<string, IReadOnlyList<X509Certificate2>>> authorities)
    {
        ArgumentNullException.ThrowIfNull(authorities);
        var map = new Dictionary<string, X509Certificate2[]>(StringComparer.Ordinal);
        foreach (var (msp, cas) in authorities)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(msp);
            map[msp] = [.. map.GetValueOrDefault(msp) ?? [], .. cas.Select(c => X509CertificateLoader.LoadCertificate(c.RawData))];
        }

        _authorities = map.ToFrozenDictionary(StringComparer.Ordinal);
        Certificates = new CertificateValidationCache(this);
        Signatures = new SignatureCache();
    }

    /// <summary>A bundle trusting the given CAs (each under its own MSP ID).</summary>
    public static TrustBundle From(params IEnumerable<CertificateAuthority> authorities) =>
        new(authorities.GroupBy(a => a.MspId, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, (IReadOnlyList<X509Certificate2>)[.. g.Select(a => a.Certificate)])));

    /// <summary>The configured organizations.</summary>
    public IEnumerable<string> Organizations => _authorities.Keys;

    /// <summary>Whether <paramref name="mspId"/> is configured.</summary>
    public bool Contains(string mspId) => _authorities.ContainsKey(mspId);

    /// <summary>The CA certificates of an organization.</summary>
    public bool TryGetAuthorities(string mspId, out IReadOnlyList<X509Certificate2> authorities)
    {
        if (_authorities.TryGetValue(mspId, out var cas))
        {
            authorities = cas;
            return true;
        }

        authorities = [];
        return false;
    }

    internal CertificateValidationCache Certificates { get; }

    internal SignatureCache Signatures { get; }
}
