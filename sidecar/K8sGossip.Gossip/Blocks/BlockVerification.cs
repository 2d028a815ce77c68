namespace K8sGossip.Gossip.Blocks;

/// <summary>The outcome of verifying one block: accepted with its decoded form, or refused with a reason and a
/// human-readable cause for the log.</summary>
public readonly record struct BlockVerification(BlockRejection Rejection, EncodedBlock? Block, string? Detail)
{
    /// <summary>True when the block passed every check.</summary>
    public bool IsValid => Rejection == BlockRejection.None;

    /// <summary>An accepted block.</summary>
    public static BlockVerification Accepted(EncodedBlock block) => new(BlockRejection.None, block, null);

    /// <summary>A refused block.</summary>
    public static BlockVerification Refused(BlockRejection reason, string detail, EncodedBlock? block = null) => new(reason, block, detail);
}
