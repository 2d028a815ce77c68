using Google.Protobuf;
using K8sGossip.Gossip.Blocks;

namespace K8sGossip.Gossip.Tests.Blocks;

public sealed class BlockCommitterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Blocks_pushed_in_random_order_are_committed_in_order_exactly_once()
    {
        using var dir = new TempDirectory();
        using var chain = new TestChain(seed: 41);
        var blocks = chain.Extend(300, entries: 2, entryBytes: 80);
        var options = new BlockOptions { ReorderWindow = 400, ReorderMaxBlocks = 400, CommitQueueCapacity = 1000, CommitMaxBatchBlocks = 16 };
        await using var store = await BlockStore.OpenAsync(dir.Path, options, ct: CancellationToken.None);
        await using var committer = new BlockCommitter(chain.Verifier(), store, options, chain.Time);
        var committed = new List<ulong>();
        committer.Committed += c => committed.Add(c.Number);
        committer.Start();

        // Every block arrives once or twice (a push and a pull answer), in a seeded random order.
        var random = new Random(42);
        var arrivals = blocks.Concat(blocks.Where(_ => random.Next(2) == 0)).OrderBy(_ => random.Next()).ToList();
        foreach (var block in arrivals)
        {
            committer.TrySubmit(block.Number, block.Bytes, BlockOrigin.Push);
        }

        await committer.WaitForHeightAsync(300, CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(Enumerable.Range(0, 300).Select(i => (ulong)i), committed);
        Assert.Equal(300UL, committer.CommittedHeight);
        Assert.Equal(300UL, store.Height);
        Assert.Equal(arrivals.Count - 300, committer.Rejections[BlockRejection.Duplicate]);
        Assert.Equal(committer.Rejections[BlockRejection.Duplicate], committer.Rejections.Total);
        await BlockStoreTests.AssertHoldsAsync(store, blocks);
    }

    [Fact]
    public async Task Blocks_beyond_the_window_are_refused_and_taken_when_sent_again()
    {
        using var dir = new TempDirectory();
        using var chain = new TestChain(seed: 43);
        var blocks = chain.Extend(60);
        var options = new BlockOptions { ReorderWindow = 8, ReorderMaxBlocks = 8 };
        await using var store = await BlockStore.OpenAsync(dir.Path, options, ct: CancellationToken.None);
        await using var committer = new BlockCommitter(chain.Verifier(), store, options, chain.Time);
        committer.Start();

        var random = new Random(44);
        var rounds = 0;
        while (committer.CommittedHeight < 60 && rounds++ < 200)
        {
            // A pull round: offer what is missing, in random order, then let the loop catch up.
            var height = committer.CommittedHeight;
            foreach (var block in blocks.Skip((int)height).OrderBy(_ => random.Next()))
            {
                await committer.SubmitAsync(block.Number, block.Bytes, BlockOrigin.Pull, CancellationToken.None);
            }

            await committer.WaitForHeightAsync(height + 1, CancellationToken.None).WaitAsync(Patience);
        }

        Assert.Equal(60UL, committer.CommittedHeight);
        Assert.True(committer.Rejections[BlockRejection.Gap] > 0);
        await BlockStoreTests.AssertHoldsAsync(store, blocks);
    }

    [Fact]
    public async Task Each_kind_of_bad_block_is_refused_with_its_reason_and_counted()
    {
        using var dir = new TempDirectory();
        using var chain = new TestChain(seed: 45);
        using var stranger = new TestChain(seed: 46);
        var blocks = chain.Extend(6);
        var options = new BlockOptions { MaxBlockBytes = 64 * 1024, ReorderWindow = 10 };
        await using var store = await BlockStore.OpenAsync(dir.Path, options, ct: CancellationToken.None);
        await using var committer = new BlockCommitter(chain.Verifier(maxBlockBytes: 64 * 1024), store, options, chain.Time);
        committer.Start();
        await Submit(committer, blocks[0]);
        await Submit(committer, blocks[1]);
        await committer.WaitForHeightAsync(2, CancellationToken.None).WaitAsync(Patience);

        var badSignature = blocks[2].Block.Clone();
        badSignature.Metadata.Signature = ByteString.CopyFrom(stranger.Orderer.Sign(blocks[2].HeaderHash));
        var tampered = blocks[2].Block.Clone();
        tampered.Data.Data.Add(ByteString.CopyFromUtf8("smuggled"));
        var forked = chain.Signer.Create(chain.Channel, 2, blocks[0].HeaderHash, []);
        var otherChannel = chain.Signer.Create("otherchannel", 2, blocks[1].HeaderHash, []);

        await committer.SubmitAsync(2, badSignature.ToByteArray(), BlockOrigin.Push, CancellationToken.None);
        await committer.SubmitAsync(2, stranger.Signer.Create(chain.Channel, 2, blocks[1].HeaderHash, []).Bytes, BlockOrigin.Push, CancellationToken.None);
        await committer.SubmitAsync(2, tampered.ToByteArray(), BlockOrigin.Push, CancellationToken.None);
        await committer.SubmitAsync(2, forked.Bytes, BlockOrigin.Push, CancellationToken.None);
        await committer.SubmitAsync(2, otherChannel.Bytes, BlockOrigin.Push, CancellationToken.None);
        await committer.SubmitAsync(2, new byte[] { 1, 2, 3, 4, 5 }, BlockOrigin.Push, CancellationToken.None);
        await committer.SubmitAsync(3, blocks[4].Bytes, BlockOrigin.Push, CancellationToken.None);
        Assert.False(committer.TrySubmit(1, blocks[1].Bytes, BlockOrigin.Push));
        Assert.False(committer.TrySubmit(20, blocks[5].Bytes, BlockOrigin.Push));
        Assert.False(committer.TrySubmit(2, new byte[(64 * 1024) + 1], BlockOrigin.Push));
        await Submit(committer, blocks[2]);
        await committer.WaitForHeightAsync(3, CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(1, committer.Rejections[BlockRejection.BadSignature]);
        Assert.Equal(1, committer.Rejections[BlockRejection.UnknownOrderer]);
        Assert.Equal(1, committer.Rejections[BlockRejection.DataHashMismatch]);
        Assert.Equal(1, committer.Rejections[BlockRejection.BrokenChain]);
        Assert.Equal(1, committer.Rejections[BlockRejection.WrongChannel]);
        Assert.Equal(1, committer.Rejections[BlockRejection.Malformed]);
        Assert.Equal(1, committer.Rejections[BlockRejection.SequenceMismatch]);
        Assert.Equal(1, committer.Rejections[BlockRejection.Duplicate]);
        Assert.Equal(1, committer.Rejections[BlockRejection.Gap]);
        Assert.Equal(1, committer.Rejections[BlockRejection.Oversize]);
        Assert.Equal(10, committer.Rejections.Total);
        Assert.Equal(3UL, store.Height);
        Assert.Equal(blocks[2].HeaderHash, store.Tip.LastHeaderHash.ToArray());
    }

    [Fact]
    public async Task Blocks_waiting_behind_a_missing_one_are_all_committed_once_it_arrives()
    {
        using var dir = new TempDirectory();
        using var chain = new TestChain(seed: 49);
        var blocks = chain.Extend(40);
        var options = new BlockOptions { CommitMaxBatchBlocks = 4 };
        await using var store = await BlockStore.OpenAsync(dir.Path, options, ct: CancellationToken.None);
        await using var committer = new BlockCommitter(chain.Verifier(), store, options, chain.Time);
        var committed = new List<ulong>();
        committer.Committed += c => committed.Add(c.Number);
        committer.Start();

        foreach (var block in Enumerable.Reverse(blocks))
        {
            await Submit(committer, block);
        }

        await committer.WaitForHeightAsync(40, CancellationToken.None).WaitAsync(Patience);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (ulong)i), committed);
        Assert.Equal(0, committer.Rejections.Total);
    }

    [Fact]
    public async Task A_store_that_refuses_appends_stops_commits_and_every_later_block_is_counted_as_a_storage_fault()
    {
        using var dir = new TempDirectory();
        using var chain = new TestChain(seed: 50);
        var blocks = chain.Extend(10);
        var options = new BlockOptions { ReadCacheBlocks = 0 };
        await using (var writer = await BlockStore.OpenAsync(dir.Path, options, ct: CancellationToken.None))
        {
            Assert.Equal(BlockRejection.None, await writer.AppendBatchAsync(blocks[..8], CancellationToken.None));
        }

        var segment = Directory.GetFiles(dir.Path, "*.blocks").Single();
        await using (var file = new FileStream(segment, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = BlockStoreCrashTests.RecordEnds(blocks)[4] + 20;
            file.WriteByte(0xEE);
        }

        await using var store = await BlockStore.OpenAsync(dir.Path, options, ct: CancellationToken.None);
        Assert.Equal(5UL, store.Height);
        await using var committer = new BlockCommitter(chain.Verifier(), store, options, chain.Time);
        var refused = new TaskCompletionSource<(BlockRejection, ulong)>(TaskCreationOptions.RunContinuationsAsynchronously);
        committer.Rejected += (reason, seq) => refused.TrySetResult((reason, seq));
        committer.Start();
        await Submit(committer, blocks[5]);

        Assert.Equal((BlockRejection.StorageFault, 5UL), await refused.Task.WaitAsync(Patience));
        Assert.Equal(1, committer.Rejections[BlockRejection.StorageFault]);
        Assert.False(committer.TrySubmit(6, blocks[6].Bytes, BlockOrigin.Push));
        Assert.Equal(2, committer.Rejections[BlockRejection.StorageFault]);
        Assert.Equal(5UL, committer.CommittedHeight);
        Assert.Equal(5UL, store.Height);
    }

    [Fact]
    public async Task A_flood_of_bad_blocks_is_counted_in_full_but_logged_once_per_interval()
    {
        using var dir = new TempDirectory();
        using var chain = new TestChain();
        var options = new BlockOptions { MaxBlockBytes = 1024, ReorderMaxBytes = 1024 };
        var logger = new CapturingLogger<BlockCommitter>();
        await using var store = await BlockStore.OpenAsync(dir.Path, options, ct: CancellationToken.None);
        await using var committer = new BlockCommitter(chain.Verifier(1024), store, options, chain.Time, logger);

        for (var i = 0; i < 5; i++)
        {
            Assert.False(committer.TrySubmit(0, new byte[2048], BlockOrigin.Push));
        }

        chain.Time.Advance(TimeSpan.FromSeconds(11));
        Assert.False(committer.TrySubmit(0, new byte[2048], BlockOrigin.Push));

        Assert.Equal(6, committer.Rejections[BlockRejection.Oversize]);
        var logged = logger.Entries.Where(e => e.Message.Contains("Oversize", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, logged.Count);
        Assert.All(logged, e => Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, e.Level));
        Assert.Contains("2048 bytes exceed 1024", logged[0].Message, StringComparison.Ordinal);
        Assert.Contains("6 refused", logged[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restarted_committer_continues_the_stored_chain()
    {
        using var dir = new TempDirectory();
        using var chain = new TestChain(seed: 47);
        var blocks = chain.Extend(20);
        var options = new BlockOptions();
        await using (var store = await BlockStore.OpenAsync(dir.Path, options, ct: CancellationToken.None))
        {
            await using var committer = new BlockCommitter(chain.Verifier(), store, options, chain.Time);
            committer.Start();
            foreach (var block in blocks[..12])
            {
                await Submit(committer, block);
            }

            await committer.WaitForHeightAsync(12, CancellationToken.None).WaitAsync(Patience);
        }

        await using var reopened = await BlockStore.OpenAsync(dir.Path, options, ct: CancellationToken.None);
        await using var restarted = new BlockCommitter(chain.Verifier(), reopened, options, chain.Time);
        Assert.Equal(12UL, restarted.CommittedHeight);
        restarted.Start();
        foreach (var block in blocks)
        {
            restarted.TrySubmit(block.Number, block.Bytes, BlockOrigin.StateTransfer);
        }

        await restarted.WaitForHeightAsync(20, CancellationToken.None).WaitAsync(Patience);
        Assert.Equal(12, restarted.Rejections[BlockRejection.Duplicate]);
        await BlockStoreTests.AssertHoldsAsync(reopened, blocks);
    }

    [Fact]
    public async Task A_failing_observer_does_not_stop_commits()
    {
        using var dir = new TempDirectory();
        using var chain = new TestChain(seed: 48);
        var blocks = chain.Extend(5);
        var options = new BlockOptions();
        await using var store = await BlockStore.OpenAsync(dir.Path, options, ct: CancellationToken.None);
        await using var committer = new BlockCommitter(chain.Verifier(), store, options, chain.Time);
        var seen = new List<ulong>();
        committer.Committed += c => throw new InvalidOperationException("observer bug");
        committer.Committed += c => seen.Add(c.Number);
        committer.Start();
        foreach (var block in blocks)
        {
            await Submit(committer, block);
        }

        await committer.WaitForHeightAsync(5, CancellationToken.None).WaitAsync(Patience);
        Assert.Equal(5UL, store.Height);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => (ulong)i), seen);
    }

    private static async Task Submit(BlockCommitter committer, EncodedBlock block) =>
        Assert.True(await committer.SubmitAsync(block.Number, block.Bytes, BlockOrigin.Deliver, CancellationToken.None));
}
