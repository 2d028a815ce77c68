using System.Security.Cryptography;

namespace K8sGossip.Gossip.Blocks;

/// <summary>
/// Checks blocks of one channel on every path (push, pull, state transfer, deliver): decodable and within the size
/// limit, the right channel, the data hash, a valid signature of a trusted orderer and, given the chain tip,
/// the number and the hash link. Never throws for bad input.
/// </summary>
/// <remarks>Cheap checks come first so that garbage costs a decode at most; the one expensive step, the ECDSA
/// verification, runs only for well-formed blocks of this channel whose data matches their header.</remarks>
public sealed class BlockVerifier
{
    private TrustedOrderers _orderers;

    /// <summary>Creates a verifier for <paramref name="channel"/>.</summary>
    public BlockVerifier(string channel, TrustedOrderers orderers, int maxBlockBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(orderers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBlockBytes);
        Channel = channel;
        _orderers = orderers;
        MaxBlockBytes = maxBlockBytes;
    }

    /// <summary>The channel whose blocks are accepted.</summary>
    public string Channel { get; }

    /// <summary>Blocks larger than this are refused before decoding.</summary>
    public int MaxBlockBytes { get; }

    /// <summary>The trusted orderers; replaced when the channel's orderer set changes.</summary>
    public TrustedOrderers Orderers
    {
        get => Volatile.Read(ref _orderers);
        set => Volatile.Write(ref _orderers, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>Checks what a block says about itself: size, decoding, channel, data hash and orderer signature.</summary>
    public BlockVerification Verify(ReadOnlyMemory<byte> bytes)
    {
        var decoded = EncodedBlock.TryDecode(bytes, MaxBlockBytes, out var block, out var detail);
        if (decoded != BlockRejection.None)
        {
            return BlockVerification.Refused(decoded, detail!);
        }

        return VerifyDecoded(block!);
    }

    /// <summary>Checks a block and also its place in the chain: it must be block <paramref name="height"/> and
    /// link to <paramref name="lastHeaderHash"/> (empty when <paramref name="height"/> is 0).</summary>
    public BlockVerification Verify(ReadOnlyMemory<byte> bytes, ulong height, ReadOnlySpan<byte> lastHeaderHash)
    {
        var result = Verify(bytes);
        if (!result.IsValid)
        {
            return result;
        }

        var link = CheckLink(result.Block!, height, lastHeaderHash, out var detail);
        return link == BlockRejection.None ? result : BlockVerification.Refused(link, detail!, result.Block);
    }

    /// <summary>Checks the content of an already decoded block (channel, data hash, signature).</summary>
    public BlockVerification VerifyDecoded(EncodedBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (!string.Equals(block.Channel, Channel, StringComparison.Ordinal))
        {
            return BlockVerification.Refused(BlockRejection.WrongChannel, $"block {block.Number} is for channel '{Truncate(block.Channel)}', not '{Channel}'", block);
        }

        var computed = BlockHashing.ComputeDataHash(block.Block.Data);
        var claimed = block.Block.Header.DataHash.Span;
        if (!CryptographicOperations.FixedTimeEquals(computed, claimed))
        {
            return BlockVerification.Refused(
                BlockRejection.DataHashMismatch,
                $"block {block.Number} data hash {BlockHashing.Short(claimed)} does not match the data ({BlockHashing.Short(computed)})",
                block);
        }

        var metadata = block.Block.Metadata;
        var signature = Orderers.Verify(metadata.OrdererPkiId.Span, block.HeaderHash, metadata.Signature.Span);
        return signature switch
        {
            BlockRejection.None => BlockVerification.Accepted(block),
            BlockRejection.UnknownOrderer => BlockVerification.Refused(
                signature, $"block {block.Number} is signed by {BlockHashing.Short(metadata.OrdererPkiId.Span)}, not a trusted orderer", block),
            _ => BlockVerification.Refused(signature, $"block {block.Number} orderer signature does not verify", block),
        };
    }

    /// <summary>Checks that <paramref name="block"/> is the next block after a chain of <paramref name="height"/>
    /// blocks whose last header hash is <paramref name="lastHeaderHash"/>.</summary>
    public static BlockRejection CheckLink(EncodedBlock block, ulong height, ReadOnlySpan<byte> lastHeaderHash, out string? detail)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Number < height)
        {
            detail = $"block {block.Number} is below height {height}";
            return BlockRejection.Duplicate;
        }

        if (block.Number > height)
        {
            detail = $"block {block.Number} is ahead of height {height}";
            return BlockRejection.Gap;
        }

        if (!block.PreviousHash.SequenceEqual(lastHeaderHash))
        {
            detail = $"block {block.Number} links to {BlockHashing.Short(block.PreviousHash)}, the chain ends at {BlockHashing.Short(lastHeaderHash)}";
            return BlockRejection.BrokenChain;
        }

        detail = null;
        return BlockRejection.None;
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
