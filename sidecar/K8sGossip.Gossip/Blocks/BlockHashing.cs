using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using Google.Protobuf;
using K8sGossip.Gossip.Protos;

namespace K8sGossip.Gossip.Blocks;

/// <summary>
/// The two hashes that make a chain of blocks: the data hash (what the header commits to) and the header hash
/// (what the next block's previous hash names and what the orderer signs). Both are SHA-256.
/// </summary>
/// <remarks>
/// Data hash: SHA-256 over the data entries in order, each prefixed by its length as a 4-byte big-endian
/// unsigned integer, so that moving bytes from one entry to the next changes the hash.
/// Header hash: SHA-256 of the header's protobuf serialization (fields in number order, which Google.Protobuf
/// always produces). The genesis block (number 0) has an EMPTY previous hash.
/// </remarks>
public static class BlockHashing
{
    /// <summary>Length of both hashes in bytes.</summary>
    public const int HashLength = 32;

    private const int StackHeaderLimit = 512;

    /// <summary>The data hash of <paramref name="data"/> (an absent data part hashes like an empty one).</summary>
    public static byte[] ComputeDataHash(BlockData? data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> prefix = stackalloc byte[4];
        if (data is not null)
        {
            foreach (var entry in data.Data)
            {
                BinaryPrimitives.WriteUInt32BigEndian(prefix, (uint)entry.Length);
                hash.AppendData(prefix);
                hash.AppendData(entry.Span);
            }
        }

        return hash.GetHashAndReset();
    }

    /// <summary>The header hash of <paramref name="header"/>.</summary>
    public static byte[] ComputeHeaderHash(BlockHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var size = header.CalculateSize();
        var result = new byte[HashLength];
        if (size <= StackHeaderLimit)
        {
            Span<byte> buffer = stackalloc byte[size];
            header.WriteTo(buffer);
            SHA256.HashData(buffer, result);
            return result;
        }

        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var span = rented.AsSpan(0, size);
            header.WriteTo(span);
            SHA256.HashData(span, result);
            return result;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Lower-case hex of the first bytes of a hash, for logs and rejection details.</summary>
    public static string Short(ReadOnlySpan<byte> hash) =>
        hash.IsEmpty ? "<empty>" : Convert.ToHexStringLower(hash[..Math.Min(hash.Length, 6)]);
}
