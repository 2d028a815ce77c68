using System.Security.Cryptography;

namespace K8sGossip.Gossip.Identity;

/// <summary>
/// Remembers signatures that verified, keyed by SHA-256(PKI-ID ‖ signature ‖ data), so the same signed message
/// received many times (gossip delivers duplicates; a simulation has thousands of receivers) is verified once.
/// </summary>
/// <remarks>Only successes are cached and the key covers the exact bytes and signer, so a hit is as good as a
/// verification. Bounded: cleared when full.</remarks>
internal sealed class SignatureCache
{
    private const int MaxEntries = 200_000;
    private readonly HashSet<(UInt128, UInt128)> _verified = [];
    private readonly Lock _gate = new();

    public static (UInt128, UInt128) KeyOf(PkiId signer, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(signer.Span);
        hash.AppendData(signature);
        hash.AppendData(data);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return (new UInt128(BitConverter.ToUInt64(digest[..8]), BitConverter.ToUInt64(digest[8..16])),
            new UInt128(BitConverter.ToUInt64(digest[16..24]), BitConverter.ToUInt64(digest[24..])));
    }

    public bool Contains((UInt128, UInt128) key)
    {
        lock (_gate)
        {
            return _verified.Contains(key);
        }
    }

    public void Add((UInt128, UInt128) key)
    {
        lock (_gate)
        {
            if (_verified.Count >= MaxEntries)
            {
                _verified.Clear();
            }

            _verified.Add(key);
        }
    }
}
