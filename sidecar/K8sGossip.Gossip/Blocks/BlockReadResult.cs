namespace K8sGossip.Gossip.Blocks;

/// <summary>What reading one block from the store found.</summary>
public enum BlockReadStatus
{
    /// <summary>The block was read and its checksum verified.</summary>
    Found,

    /// <summary>The store does not hold the block (at or above its height).</summary>
    NotFound,

    /// <summary>The record is damaged (or lies at/after known damage); its bytes are not served.</summary>
    Corrupt,
}

/// <summary>The result of <see cref="BlockStore.TryReadAsync"/>: a status and, when found, the block's bytes.</summary>
public readonly record struct BlockReadResult(BlockReadStatus Status, ReadOnlyMemory<byte> Bytes)
{
    /// <summary>A block that is not stored.</summary>
    public static BlockReadResult NotFound => new(BlockReadStatus.NotFound, ReadOnlyMemory<byte>.Empty);

    /// <summary>A damaged block.</summary>
    public static BlockReadResult Corrupt => new(BlockReadStatus.Corrupt, ReadOnlyMemory<byte>.Empty);
}

/// <summary>A block read from the store: its number and its verified bytes.</summary>
public readonly record struct StoredBlock(ulong Number, ReadOnlyMemory<byte> Bytes);
