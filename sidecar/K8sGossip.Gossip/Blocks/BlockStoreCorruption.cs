namespace K8sGossip.Gossip.Blocks;

/// <summary>Where a block store found damage it will not repair by itself: blocks from <paramref name="BlockNumber"/>
/// on are not served and no block is appended until <see cref="BlockStore.DiscardCorruptSuffixAsync"/> is called.</summary>
public sealed record BlockStoreCorruption(ulong BlockNumber, string SegmentPath, long Offset, string Cause);
