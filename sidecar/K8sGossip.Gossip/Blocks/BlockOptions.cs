using Microsoft.Extensions.Options;

namespace K8sGossip.Gossip.Blocks;

/// <summary>Limits of the block layer: block size, segment size, read cache, reorder window and commit queue.
/// Bound from the <c>Blocks</c> configuration section.</summary>
public sealed class BlockOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Blocks";

    /// <summary>Largest block accepted from any source, in bytes; larger ones are refused before decoding.</summary>
    public int MaxBlockBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>A segment file is closed and a new one started once it reaches this size.</summary>
    public long SegmentMaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How many recently appended blocks the store keeps in memory for readers (pull, deliver).</summary>
    public int ReadCacheBlocks { get; set; } = 16;

    /// <summary>How far ahead of the committed height a block may be and still wait in the reorder buffer.</summary>
    public int ReorderWindow { get; set; } = 200;

    /// <summary>Most blocks the reorder buffer holds.</summary>
    public int ReorderMaxBlocks { get; set; } = 100;

    /// <summary>Most bytes the reorder buffer holds.</summary>
    public long ReorderMaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Most submitted blocks waiting for the commit loop; a non-blocking submission beyond it is refused.</summary>
    public int CommitQueueCapacity { get; set; } = 256;

    /// <summary>Most blocks made durable by one group commit (one fsync).</summary>
    public int CommitMaxBatchBlocks { get; set; } = 64;

    /// <summary>The problems with these settings, each naming the setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxBlockBytes <= 0 || MaxBlockBytes > SegmentFormat.MaxRecordBytes)
        {
            errors.Add($"{SectionName}:{nameof(MaxBlockBytes)} must be between 1 and {SegmentFormat.MaxRecordBytes}; it is {MaxBlockBytes}.");
        }

        if (SegmentMaxBytes < 4096)
        {
            errors.Add($"{SectionName}:{nameof(SegmentMaxBytes)} must be at least 4096; it is {SegmentMaxBytes}.");
        }

        if (ReadCacheBlocks < 0)
        {
            errors.Add($"{SectionName}:{nameof(ReadCacheBlocks)} must not be negative; it is {ReadCacheBlocks}.");
        }

        if (ReorderWindow <= 0)
        {
            errors.Add($"{SectionName}:{nameof(ReorderWindow)} must be positive; it is {ReorderWindow}.");
        }

        if (ReorderMaxBlocks <= 0)
        {
            errors.Add($"{SectionName}:{nameof(ReorderMaxBlocks)} must be positive; it is {ReorderMaxBlocks}.");
        }

        if (ReorderMaxBytes < MaxBlockBytes)
        {
            errors.Add($"{SectionName}:{nameof(ReorderMaxBytes)} ({ReorderMaxBytes}) must be at least {SectionName}:{nameof(MaxBlockBytes)} ({MaxBlockBytes}) so that any valid block fits.");
        }

        if (CommitQueueCapacity <= 0)
        {
            errors.Add($"{SectionName}:{nameof(CommitQueueCapacity)} must be positive; it is {CommitQueueCapacity}.");
        }

        if (CommitMaxBatchBlocks <= 0)
        {
            errors.Add($"{SectionName}:{nameof(CommitMaxBatchBlocks)} must be positive; it is {CommitMaxBatchBlocks}.");
        }

        return errors;
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every invalid setting.</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(SectionName, typeof(BlockOptions), errors);
        }
    }
}
