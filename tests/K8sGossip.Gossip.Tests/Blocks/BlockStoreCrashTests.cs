using K8sGossip.Gossip.Blocks;

namespace K8sGossip.Gossip.Tests.Blocks;

public sealed class BlockStoreCrashTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly BlockOptions OneSegment = new() { ReadCacheBlocks = 0 };

    [Fact]
    public async Task A_tail_torn_at_any_byte_is_cut_and_every_complete_record_survives()
    {
        using var dir = new TempDirectory();
        using var chain = new TestChain(seed: 21);
        var blocks = chain.Extend(30, entries: 2, entryBytes: 90);
        var pristine = dir.Sub("pristine");
        await using (var store = await BlockStore.OpenAsync(pristine, OneSegment, ct: None))
        {
            Assert.Equal(BlockRejection.None, await store.AppendBatchAsync(blocks, None));
        }

        var segment = Directory.GetFiles(pristine).Single();
        var bytes = await File.ReadAllBytesAsync(segment, None);
        var ends = RecordEnds(blocks);
        var random = new Random(2024);
        for (var round = 0; round < 120; round++)
        {
            var cut = round == 0 ? bytes.Length - 1 : random.Next(0, bytes.Length);
            var target = dir.Sub($"cut-{round}");
            Directory.CreateDirectory(target);
            await File.WriteAllBytesAsync(Path.Combine(target, Path.GetFileName(segment)), bytes[..cut], None);

            var complete = ends.Count(end => end <= cut);
            await using var store = await BlockStore.OpenAsync(target, OneSegment, ct: None);
            Assert.Null(store.Corruption);
            Assert.Equal((ulong)complete, store.Height);
            Assert.Equal(complete == 0 ? [] : blocks[complete - 1].HeaderHash, store.Tip.LastHeaderHash.ToArray());
            await BlockStoreTests.AssertHoldsAsync(store, blocks.Take(complete).ToList());
            Assert.Equal(BlockRejection.None, await store.AppendAsync(blocks[complete], None));
        }
    }

    [Fact]
    public async Task Acknowledged_blocks_survive_a_crash_in_the_middle_of_the_next_write()
    {
        using var dir = new TempDirectory();
        using var chain = new TestChain(seed: 22);
        var blocks = chain.Extend(25, entries: 2, entryBytes: 90);
        var random = new Random(77);
        for (var round = 0; round < 80; round++)
        {
            var target = dir.Sub($"crash-{round}");
            var acknowledged = random.Next(0, 20);
            await using (var store = await BlockStore.OpenAsync(target, OneSegment, ct: None))
            {
                if (acknowledged > 0)
                {
                    Assert.Equal(BlockRejection.None, await store.AppendBatchAsync(blocks[..acknowledged], None));
                }
            }

            var inFlight = RecordBytes(blocks[acknowledged]);
            var tail = (round % 4) switch
            {
                0 => inFlight[..random.Next(1, inFlight.Length)],
                1 => Flip(inFlight, random),
                2 => RandomBytes(random, random.Next(1, 500)),
                _ => new byte[random.Next(1, 300)],
            };
            var segment = Directory.GetFiles(target, "*.blocks").Single();
            await using (var file = new FileStream(segment, FileMode.Append, FileAccess.Write))
            {
                await file.WriteAsync(tail, None);
            }

            await using (var reopened = await BlockStore.OpenAsync(target, OneSegment, ct: None))
            {
                Assert.Null(reopened.Corruption);
                Assert.Equal((ulong)acknowledged, reopened.Height);
                await BlockStoreTests.AssertHoldsAsync(reopened, blocks[..acknowledged]);
                Assert.Equal(BlockRejection.None, await reopened.AppendAsync(blocks[acknowledged], None));
            }

            await using (var again = await BlockStore.OpenAsync(target, OneSegment, ct: None))
            {
                Assert.Equal((ulong)acknowledged + 1, again.Height);
                await BlockStoreTests.AssertHoldsAsync(again, blocks[..(acknowledged + 1)]);
            }
        }
    }

    [Fact]
    public async Task A_flipped_byte_in_the_middle_is_reported_on_open_never_served_and_never_cut()
    {
        using var dir = new TempDirectory();
        using var chain = new TestChain(seed: 23);
        var blocks = chain.Extend(30, entries: 2, entryBytes: 90);
        await using (var store = await BlockStore.OpenAsync(dir.Path, OneSegment, ct: None))
        {
            Assert.Equal(BlockRejection.None, await store.AppendBatchAsync(blocks, None));
        }

        var segment = Directory.GetFiles(dir.Path).Single();
        var length = new FileInfo(segment).Length;
        var ends = RecordEnds(blocks);
        FlipByteAt(segment, ends[9] + 8 + 20);

        await using (var damaged = await BlockStore.OpenAsync(dir.Path, OneSegment, ct: None))
        {
            Assert.NotNull(damaged.Corruption);
            Assert.Equal(10UL, damaged.Corruption!.BlockNumber);
            Assert.Equal(10UL, damaged.Height);
            Assert.Equal(blocks[9].HeaderHash, damaged.Tip.LastHeaderHash.ToArray());
            Assert.Equal(length, new FileInfo(segment).Length);
            await BlockStoreTests.AssertHoldsAsync(damaged, blocks[..10]);
            for (ulong n = 10; n < 30; n++)
            {
                Assert.NotEqual(BlockReadStatus.Found, (await damaged.TryReadAsync(n, None)).Status);
            }

            Assert.Equal(BlockRejection.StorageFault, await damaged.AppendAsync(blocks[10], None));
            Assert.Equal(length, new FileInfo(segment).Length);

            await damaged.DiscardCorruptSuffixAsync(None);
            Assert.Null(damaged.Corruption);
            Assert.Equal(10UL, damaged.Height);
            Assert.Equal(BlockRejection.None, await damaged.AppendBatchAsync(blocks[10..], None));
        }

        await using var repaired = await BlockStore.OpenAsync(dir.Path, OneSegment, ct: None);
        Assert.Null(repaired.Corruption);
        await BlockStoreTests.AssertHoldsAsync(repaired, blocks);
    }

    [Fact]
    public async Task Damage_in_an_earlier_segment_is_reported_and_later_segments_are_kept()
    {
        using var dir = new TempDirectory();
        using var chain = new TestChain(seed: 24);
        var blocks = chain.Extend(80, entries: 2, entryBytes: 150);
        var options = new BlockOptions { SegmentMaxBytes = 4096, ReadCacheBlocks = 0 };
        await using (var store = await BlockStore.OpenAsync(dir.Path, options, ct: None))
        {
            Assert.Equal(BlockRejection.None, await store.AppendBatchAsync(blocks, None));
        }

        var files = Directory.GetFiles(dir.Path, "*.blocks").Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 4);
        var secondFirst = ulong.Parse(Path.GetFileNameWithoutExtension(files[1]), System.Globalization.CultureInfo.InvariantCulture);
        FlipByteAt(files[1], 16 + 8 + 30);

        await using var damaged = await BlockStore.OpenAsync(dir.Path, options, ct: None);
        Assert.Equal(secondFirst, damaged.Corruption!.BlockNumber);
        Assert.Equal(secondFirst, damaged.Height);
        Assert.Equal(files.Count, Directory.GetFiles(dir.Path, "*.blocks").Length);
        Assert.Equal(BlockReadStatus.Corrupt, (await damaged.TryReadAsync(secondFirst + 1, None)).Status);
        await BlockStoreTests.AssertHoldsAsync(damaged, blocks[..(int)secondFirst]);
    }

    [Fact]
    public async Task Damage_that_appears_while_open_is_detected_on_read_and_stops_appends()
    {
        using var dir = new TempDirectory();
        using var chain = new TestChain(seed: 25);
        var blocks = chain.Extend(20, entries: 2, entryBytes: 90);
        await using var store = await BlockStore.OpenAsync(dir.Path, OneSegment, ct: None);
        Assert.Equal(BlockRejection.None, await store.AppendBatchAsync(blocks, None));
        var segment = Directory.GetFiles(dir.Path).Single();
        FlipByteAt(segment, RecordEnds(blocks)[6] + 8 + 11);

        var served = new List<ulong>();
        await Assert.ThrowsAsync<BlockStoreCorruptionException>(async () =>
        {
            await foreach (var stored in store.ReadRangeAsync(0, 19, None))
            {
                Assert.Equal(blocks[(int)stored.Number].Bytes.ToArray(), stored.Bytes.ToArray());
                served.Add(stored.Number);
            }
        });

        Assert.Equal(Enumerable.Range(0, 7).Select(i => (ulong)i), served);
        Assert.Equal(7UL, store.Corruption!.BlockNumber);
        Assert.Equal(BlockReadStatus.Corrupt, (await store.TryReadAsync(7, None)).Status);
        Assert.Equal(BlockReadStatus.Corrupt, (await store.TryReadAsync(12, None)).Status);
        Assert.Equal(BlockReadStatus.Found, (await store.TryReadAsync(6, None)).Status);
        Assert.Equal(BlockRejection.StorageFault, await store.AppendAsync(chain.Next(), None));
    }

    [Fact]
    public async Task A_segment_whose_creation_was_interrupted_is_removed_on_open()
    {
        using var dir = new TempDirectory();
        using var chain = new TestChain(seed: 26);
        var blocks = chain.Extend(10);
        await using (var store = await BlockStore.OpenAsync(dir.Path, OneSegment, ct: None))
        {
            Assert.Equal(BlockRejection.None, await store.AppendBatchAsync(blocks[..9], None));
        }

        var torn = Path.Combine(dir.Path, SegmentFormat.FileName(9));
        await File.WriteAllBytesAsync(torn, SegmentFormat.Header(9)[..7], None);

        await using var reopened = await BlockStore.OpenAsync(dir.Path, OneSegment, ct: None);
        Assert.False(File.Exists(torn));
        Assert.Equal(9UL, reopened.Height);
        Assert.Equal(BlockRejection.None, await reopened.AppendAsync(blocks[9], None));
    }

    [Fact]
    public async Task A_missing_segment_is_reported_rather_than_skipped()
    {
        using var dir = new TempDirectory();
        using var chain = new TestChain(seed: 27);
        var blocks = chain.Extend(60, entries: 2, entryBytes: 150);
        var options = new BlockOptions { SegmentMaxBytes = 4096, ReadCacheBlocks = 0 };
        await using (var store = await BlockStore.OpenAsync(dir.Path, options, ct: None))
        {
            Assert.Equal(BlockRejection.None, await store.AppendBatchAsync(blocks, None));
        }

        var files = Directory.GetFiles(dir.Path, "*.blocks").Order(StringComparer.Ordinal).ToList();
        var secondFirst = ulong.Parse(Path.GetFileNameWithoutExtension(files[1]), System.Globalization.CultureInfo.InvariantCulture);
        File.Delete(files[1]);

        await using var damaged = await BlockStore.OpenAsync(dir.Path, options, ct: None);
        Assert.Equal(secondFirst, damaged.Corruption!.BlockNumber);
        Assert.Equal(secondFirst, damaged.Height);
        Assert.Equal(files.Count - 1, Directory.GetFiles(dir.Path, "*.blocks").Length);

        // The operator's repair drops the orphaned later segments; catch-up then refills from the valid prefix.
        await damaged.DiscardCorruptSuffixAsync(None);
        Assert.Single(Directory.GetFiles(dir.Path, "*.blocks"));
        Assert.Equal(BlockRejection.None, await damaged.AppendBatchAsync(blocks[(int)secondFirst..], None));
        await BlockStoreTests.AssertHoldsAsync(damaged, blocks);
    }

    /// <summary>The file offset where each block's record ends, in a single segment holding the blocks in order.</summary>
    internal static List<long> RecordEnds(IReadOnlyList<EncodedBlock> blocks)
    {
        var ends = new List<long>();
        long end = SegmentFormat.HeaderSize;
        foreach (var block in blocks)
        {
            end += SegmentFormat.RecordHeaderSize + block.Size;
            ends.Add(end);
        }

        return ends;
    }

    private static byte[] RecordBytes(EncodedBlock block)
    {
        var record = new byte[SegmentFormat.RecordHeaderSize + block.Size];
        SegmentFormat.WriteRecord(record, block.Bytes.Span);
        return record;
    }

    private static byte[] Flip(byte[] record, Random random)
    {
        var copy = (byte[])record.Clone();
        copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        return copy;
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static void FlipByteAt(string path, long offset)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        file.Position = offset;
        var value = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(value ^ 0x5A));
        file.Flush(flushToDisk: true);
    }
}
