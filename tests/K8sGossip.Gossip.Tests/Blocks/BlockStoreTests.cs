using K8sGossip.Gossip.Blocks;

namespace K8sGossip.Gossip.Tests.Blocks;

public sealed class BlockStoreTests
{
    private static BlockOptions SmallSegments(int readCache = 0) => new() { SegmentMaxBytes = 16 * 1024, ReadCacheBlocks = readCache };

    [Fact]
    public async Task Round_trip_of_1000_blocks_survives_reopen_with_height_hash_and_ranges_intact()
    {
        using var dir = new TempDirectory();
        using var chain = new TestChain(seed: 3);
        var blocks = chain.Extend(1000, entries: 2, entryBytes: 120);
        var options = SmallSegments(readCache: 8);

        await using (var store = await BlockStore.OpenAsync(dir.Path, options, ct: CancellationToken.None))
        {
            var next = 0;
            var random = new Random(5);
            while (next < blocks.Count)
            {
                var size = Math.Min(random.Next(1, 12), blocks.Count - next);
                var result = size == 1
                    ? await store.AppendAsync(blocks[next].Block, CancellationToken.None)
                    : await store.AppendBatchAsync(blocks.GetRange(next, size), CancellationToken.None);
                Assert.Equal(BlockRejection.None, result);
                next += size;
                Assert.Equal((ulong)next, store.Height);
            }

            await AssertHoldsAsync(store, blocks);
        }

        Assert.True(Directory.GetFiles(dir.Path, "*.blocks").Length > 5);
        await using (var reopened = await BlockStore.OpenAsync(dir.Path, options, ct: CancellationToken.None))
        {
            Assert.Equal(1000UL, reopened.Height);
            Assert.Equal(blocks[^1].HeaderHash, reopened.Tip.LastHeaderHash.ToArray());
            Assert.Null(reopened.Corruption);
            await AssertHoldsAsync(reopened, blocks);

            var range = new List<StoredBlock>();
            await foreach (var stored in reopened.ReadRangeAsync(100, 899, CancellationToken.None))
            {
                range.Add(stored);
            }

            Assert.Equal(800, range.Count);
            for (var i = 0; i < range.Count; i++)
            {
                Assert.Equal((ulong)(100 + i), range[i].Number);
                Assert.Equal(blocks[100 + i].Bytes.ToArray(), range[i].Bytes.ToArray());
            }

            Assert.Equal(BlockRejection.None, await reopened.AppendAsync(chain.Next(), CancellationToken.None));
            Assert.Equal(1001UL, reopened.Height);
        }
    }

    [Fact]
    public async Task Appends_out_of_order_or_off_the_chain_are_refused_and_change_nothing()
    {
        using var dir = new TempDirectory();
        using var chain = new TestChain();
        var blocks = chain.Extend(4);
        await using var store = await BlockStore.OpenAsync(dir.Path, new BlockOptions(), ct: CancellationToken.None);
        Assert.Equal(BlockRejection.None, await store.AppendBatchAsync(blocks[..2], CancellationToken.None));

        Assert.Equal(BlockRejection.Duplicate, await store.AppendAsync(blocks[1], CancellationToken.None));
        Assert.Equal(BlockRejection.Gap, await store.AppendAsync(blocks[3], CancellationToken.None));
        var forked = chain.Signer.Create(chain.Channel, 2, blocks[0].HeaderHash, []);
        Assert.Equal(BlockRejection.BrokenChain, await store.AppendAsync(forked, CancellationToken.None));
        Assert.Equal(BlockRejection.Duplicate, await store.AppendBatchAsync([blocks[2], blocks[2]], CancellationToken.None));

        Assert.Equal(2UL, store.Height);
        Assert.Equal(blocks[1].HeaderHash, store.Tip.LastHeaderHash.ToArray());
        Assert.Equal(BlockReadStatus.NotFound, (await store.TryReadAsync(2, CancellationToken.None)).Status);
        Assert.Equal(BlockRejection.None, await store.AppendBatchAsync(blocks[2..], CancellationToken.None));
        Assert.Equal(4UL, store.Height);
    }

    [Fact]
    public async Task A_batch_with_one_bad_block_writes_none_of_it()
    {
        using var dir = new TempDirectory();
        using var chain = new TestChain();
        var blocks = chain.Extend(5);
        await using var store = await BlockStore.OpenAsync(dir.Path, new BlockOptions(), ct: CancellationToken.None);

        Assert.Equal(BlockRejection.Gap, await store.AppendBatchAsync([blocks[0], blocks[1], blocks[3]], CancellationToken.None));
        Assert.Equal(0UL, store.Height);
        Assert.Equal(BlockReadStatus.NotFound, (await store.TryReadAsync(0, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Segments_roll_at_the_size_limit()
    {
        using var dir = new TempDirectory();
        using var chain = new TestChain();
        var options = new BlockOptions { SegmentMaxBytes = 4096 };
        await using var store = await BlockStore.OpenAsync(dir.Path, options, ct: CancellationToken.None);
        Assert.Equal(BlockRejection.None, await store.AppendBatchAsync(chain.Extend(60, entries: 2, entryBytes: 200), CancellationToken.None));

        var files = Directory.GetFiles(dir.Path, "*.blocks").Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count > 3);
        Assert.All(files, f => Assert.True(new FileInfo(f).Length <= options.SegmentMaxBytes));
        Assert.Equal("00000000000000000000.blocks", Path.GetFileName(files[0]));
    }

    [Fact]
    public async Task Readers_running_beside_the_writer_see_only_complete_verified_blocks()
    {
        using var dir = new TempDirectory();
        using var chain = new TestChain(seed: 9);
        var blocks = chain.Extend(300, entries: 2, entryBytes: 100);
        await using var store = await BlockStore.OpenAsync(dir.Path, SmallSegments(), ct: CancellationToken.None);
        using var done = new CancellationTokenSource();
        var firstReads = Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();

        async Task<int> ReadLoop(int seed)
        {
            var random = new Random(seed);
            var reads = 0;
            while (!done.IsCancellationRequested)
            {
                var height = store.Height;
                if (height == 0)
                {
                    await Task.Yield();
                    continue;
                }

                var number = (ulong)random.NextInt64(0, (long)height);
                var read = await store.TryReadAsync(number, CancellationToken.None);
                Assert.Equal(BlockReadStatus.Found, read.Status);
                Assert.Equal(blocks[(int)number].Bytes.ToArray(), read.Bytes.ToArray());
                reads++;
                firstReads[seed].TrySetResult();
            }

            return reads;
        }

        var readers = Enumerable.Range(0, 3).Select(i => Task.Run(() => ReadLoop(i))).ToList();
        for (var i = 0; i < blocks.Count; i += 3)
        {
            Assert.Equal(BlockRejection.None, await store.AppendBatchAsync(blocks.GetRange(i, Math.Min(3, blocks.Count - i)), CancellationToken.None));
            if (i == 0)
            {
                // Every reader is reading before the rest is written, so reads interleave with appends.
                await Task.WhenAll(firstReads.Select(t => t.Task)).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
            }
        }

        await done.CancelAsync();
        var counts = await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.All(counts, c => Assert.True(c > 0));
    }

    [Fact]
    public async Task Invalid_options_are_refused_with_the_setting_named()
    {
        using var dir = new TempDirectory();
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => BlockStore.OpenAsync(dir.Path, new BlockOptions { SegmentMaxBytes = 10, ReorderWindow = 0 }, ct: CancellationToken.None));
        Assert.Contains(error.Failures, f => f.Contains("Blocks:SegmentMaxBytes", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Blocks:ReorderWindow", StringComparison.Ordinal));
    }

    internal static async Task AssertHoldsAsync(BlockStore store, IReadOnlyList<EncodedBlock> blocks)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            var read = await store.TryReadAsync((ulong)i, CancellationToken.None);
            Assert.Equal(BlockReadStatus.Found, read.Status);
            Assert.Equal(blocks[i].Bytes.ToArray(), read.Bytes.ToArray());
        }

        Assert.NotEqual(BlockReadStatus.Found, (await store.TryReadAsync((ulong)blocks.Count, CancellationToken.None)).Status);
    }
}
