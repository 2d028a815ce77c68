using Google.Protobuf;
using K8sGossip.Gossip.Protos;

namespace K8sGossip.Gossip.Blocks;

/// <summary>
/// A decoded block together with its wire bytes and header hash, computed once and carried through verification,
/// reordering, storage and dissemination so no layer serializes or hashes it again.
/// </summary>
public sealed class EncodedBlock
{
    private EncodedBlock(Block block, ReadOnlyMemory<byte> bytes, byte[] headerHash)
    {
        Block = block;
        Bytes = bytes;
        HeaderHash = headerHash;
    }

    /// <summary>The decoded block; its header and metadata are present.</summary>
    public Block Block { get; }

    /// <summary>The exact bytes as stored and sent. Never mutated.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>SHA-256 of the header's serialization (<see cref="BlockHashing.ComputeHeaderHash"/>).</summary>
    public byte[] HeaderHash { get; }

    /// <summary>The block number (its position in the chain, genesis = 0).</summary>
    public ulong Number => Block.Header.Number;

    /// <summary>The header hash of the block before it (empty for genesis).</summary>
    public ReadOnlySpan<byte> PreviousHash => Block.Header.PreviousHash.Span;

    /// <summary>The channel the header names.</summary>
    public string Channel => Block.Header.Channel;

    /// <summary>Size of the encoded block in bytes.</summary>
    public int Size => Bytes.Length;

    /// <summary>Encodes a block built locally (by the orderer role or a test); the header must be present.</summary>
    public static EncodedBlock FromBlock(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Header is null)
        {
            throw new ArgumentException("A block needs a header.", nameof(block));
        }

        block.Metadata ??= new BlockMetadata();
        return new EncodedBlock(block, block.ToByteArray(), BlockHashing.ComputeHeaderHash(block.Header));
    }

    /// <summary>Decodes wire bytes. Never throws for bad input: returns <see cref="BlockRejection.Malformed"/> or
    /// <see cref="BlockRejection.Oversize"/> with a human-readable <paramref name="detail"/>.</summary>
    public static BlockRejection TryDecode(ReadOnlyMemory<byte> bytes, int maxBytes, out EncodedBlock? block, out string? detail)
    {
        block = null;
        if (bytes.Length > maxBytes)
        {
            detail = $"block of {bytes.Length} bytes exceeds the limit of {maxBytes}";
            return BlockRejection.Oversize;
        }

        if (bytes.IsEmpty)
        {
            detail = "empty block bytes";
            return BlockRejection.Malformed;
        }

        Block parsed;
        try
        {
            parsed = Block.Parser.ParseFrom(bytes.Span);
        }
        catch (InvalidProtocolBufferException ex)
        {
            detail = "undecodable: " + ex.Message;
            return BlockRejection.Malformed;
        }

        if (parsed.Header is null)
        {
            detail = "no header";
            return BlockRejection.Malformed;
        }

        if (parsed.Metadata is null)
        {
            detail = "no metadata";
            return BlockRejection.Malformed;
        }

        if (parsed.Header.DataHash.Length != BlockHashing.HashLength)
        {
            detail = $"data hash has {parsed.Header.DataHash.Length} bytes";
            return BlockRejection.Malformed;
        }

        var previous = parsed.Header.PreviousHash.Length;
        if (parsed.Header.Number == 0 ? previous != 0 : previous != BlockHashing.HashLength)
        {
            detail = $"previous hash of block {parsed.Header.Number} has {previous} bytes";
            return BlockRejection.Malformed;
        }

        block = new EncodedBlock(parsed, bytes, BlockHashing.ComputeHeaderHash(parsed.Header));
        detail = null;
        return BlockRejection.None;
    }
}
