using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using K8sGossip.Gossip.Identity;

namespace K8sGossip.Gossip.Blocks;

/// <summary>
/// The ordering-service identities whose signatures make a block valid for a channel, with each public key
/// imported once (importing a key per block would cost more than verifying).
/// </summary>
/// <remarks>Successful verifications are remembered, keyed by a hash of signer, signature and header hash, so one
/// instance shared by many verifiers (every node of a simulation, every path of a peer) checks each block's ECDSA
/// signature once. Bounded: cleared when full.</remarks>
public sealed class TrustedOrderers : IDisposable
{
    private const int MaxRemembered = 100_000;
    private readonly Dictionary<PkiId, OrdererKey> _keys;
    private readonly HashSet<(UInt128, UInt128)> _verified = [];
    private readonly Lock _verifiedLock = new();

    private TrustedOrderers(Dictionary<PkiId, OrdererKey> keys) => _keys = keys;

    /// <summary>How many orderer identities are trusted.</summary>
    public int Count => _keys.Count;

    /// <summary>Trusts the given verified orderer identities (ECDSA P-256 certificates).</summary>
    public static TrustedOrderers FromIdentities(IEnumerable<PeerIdentity> orderers)
    {
        ArgumentNullException.ThrowIfNull(orderers);
        var keys = new Dictionary<PkiId, OrdererKey>();
        foreach (var identity in orderers)
        {
            var key = identity.Certificate.GetECDsaPublicKey()
                ?? throw new ArgumentException($"Orderer {identity.PkiId.Short} of {identity.MspId} has no ECDSA key.", nameof(orderers));
            if (key.KeySize != 256)
            {
                key.Dispose();
                throw new ArgumentException($"Orderer {identity.PkiId.Short} of {identity.MspId} has a {key.KeySize}-bit key; P-256 is required.", nameof(orderers));
            }

            if (keys.TryGetValue(identity.PkiId, out var previous))
            {
                previous.Dispose();
            }

            keys[identity.PkiId] = new OrdererKey(key);
        }

        return new TrustedOrderers(keys);
    }

    /// <summary>Whether <paramref name="pkiId"/> is a trusted orderer.</summary>
    public bool Contains(PkiId pkiId) => _keys.ContainsKey(pkiId);

    /// <summary>Checks an orderer signature (DER, over the SHA-256 of <paramref name="headerHash"/>, as <see cref="ISigner"/> signs).</summary>
    public BlockRejection Verify(ReadOnlySpan<byte> ordererPkiId, ReadOnlySpan<byte> headerHash, ReadOnlySpan<byte> signature)
    {
        if (!PkiId.TryFrom(ordererPkiId, out var id) || !_keys.TryGetValue(id, out var key))
        {
            return BlockRejection.UnknownOrderer;
        }

        var remembered = RememberKey(ordererPkiId, headerHash, signature);
        lock (_verifiedLock)
        {
            if (_verified.Contains(remembered))
            {
                return BlockRejection.None;
            }
        }

        if (!key.Verify(headerHash, signature))
        {
            return BlockRejection.BadSignature;
        }

        lock (_verifiedLock)
        {
            if (_verified.Count >= MaxRemembered)
            {
                _verified.Clear();
            }

            _verified.Add(remembered);
        }

        return BlockRejection.None;
    }

    /// <summary>How many successful verifications are remembered.</summary>
    internal int RememberedCount
    {
        get
        {
            lock (_verifiedLock)
            {
                return _verified.Count;
            }
        }
    }

    private static (UInt128, UInt128) RememberKey(ReadOnlySpan<byte> signer, ReadOnlySpan<byte> headerHash, ReadOnlySpan<byte> signature)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(signer);
        hash.AppendData(headerHash);
        hash.AppendData(signature);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return (BinaryPrimitives.ReadUInt128LittleEndian(digest), BinaryPrimitives.ReadUInt128LittleEndian(digest[16..]));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }

    /// <summary>One imported key. The lock keeps verification safe on real threads, where .NET does not promise
    /// that one key object may be used concurrently; verification is short, so contention is negligible.</summary>
    private sealed class OrdererKey(ECDsa key) : IDisposable
    {
        private readonly Lock _lock = new();

        public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
        {
            if (signature.IsEmpty)
            {
                return false;
            }

            lock (_lock)
            {
                try
                {
                    return key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
                }
                catch (CryptographicException)
                {
                    return false;
                }
            }
        }

        public void Dispose() => key.Dispose();
    }
}
