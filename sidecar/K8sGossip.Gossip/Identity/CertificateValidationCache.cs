using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace K8sGossip.Gossip.Identity;

/// <summary>Chain-validation results keyed by (MSP ID, SHA-256 of the certificate), shared by all stores of a bundle.</summary>
/// <remarks>Bounded: when full it is cleared, which only costs re-validation.</remarks>
internal sealed class CertificateValidationCache(TrustBundle bundle)
{
    private const int MaxEntries = 50_000;
    private readonly ConcurrentDictionary<(string MspId, UInt128 High, UInt128 Low), VerifiedCertificate> _entries = new();

    public int Count => _entries.Count;

    public VerifiedCertificate Get(string mspId, ReadOnlySpan<byte> der)
    {
        if (!bundle.TryGetAuthorities(mspId, out var authorities))
        {
            return VerifiedCertificate.Refused(IdentityRejection.UnknownAuthority);
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(der, hash);
        var key = (mspId, BitConverterUInt128(hash[..16]), BitConverterUInt128(hash[16..]));
        if (_entries.TryGetValue(key, out var known))
        {
            return known;
        }

        var verified = VerifiedCertificate.Validate(mspId, der, authorities);
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        return _entries.GetOrAdd(key, verified);
    }

    private static UInt128 BitConverterUInt128(ReadOnlySpan<byte> bytes) =>
        new(BitConverter.ToUInt64(bytes[..8]), BitConverter.ToUInt64(bytes[8..]));
}
