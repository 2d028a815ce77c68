namespace K8sGossip.Gossip.Blocks;

/// <summary>Thrown by a range read that reaches a damaged record, so that a partial range is never taken for a whole one.</summary>
public sealed class BlockStoreCorruptionException : IOException
{
    /// <summary>Creates the exception.</summary>
    public BlockStoreCorruptionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public BlockStoreCorruptionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public BlockStoreCorruptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a damaged block.</summary>
    public BlockStoreCorruptionException(BlockStoreCorruption corruption)
        : base($"Block {corruption?.BlockNumber} is damaged in {corruption?.SegmentPath} at offset {corruption?.Offset}: {corruption?.Cause}") =>
        Corruption = corruption;

    /// <summary>Where the damage is.</summary>
    public BlockStoreCorruption? Corruption { get; }
}
