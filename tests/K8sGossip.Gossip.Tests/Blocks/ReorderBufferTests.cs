using K8sGossip.Gossip.Blocks;

namespace K8sGossip.Gossip.Tests.Blocks;

public sealed class ReorderBufferTests
{
    [Fact]
    public void Out_of_order_arrivals_are_released_in_order()
    {
        using var chain = new TestChain(seed: 31);
        var blocks = chain.Extend(60);
        var buffer = new ReorderBuffer(0, window: 100, maxBlocks: 100, maxBytes: 1 << 20);
        var released = new List<ulong>();
        foreach (var block in blocks.OrderBy(_ => chain.Random.Next()))
        {
            Assert.Equal(BlockRejection.None, buffer.Offer(block));
            while (buffer.TryTakeNext(out var next))
            {
                buffer.Advance();
                released.Add(next.Number);
            }
        }

        Assert.Equal(Enumerable.Range(0, 60).Select(i => (ulong)i), released);
        Assert.Equal(0, buffer.Count);
        Assert.Equal(0, buffer.Bytes);
    }

    [Fact]
    public void Duplicates_and_blocks_beyond_the_window_are_refused()
    {
        using var chain = new TestChain();
        var blocks = chain.Extend(12);
        var buffer = new ReorderBuffer(2, window: 5, maxBlocks: 10, maxBytes: 1 << 20);

        Assert.Equal(BlockRejection.Duplicate, buffer.Offer(blocks[1]));
        Assert.Equal(BlockRejection.None, buffer.Offer(blocks[4]));
        Assert.Equal(BlockRejection.Duplicate, buffer.Offer(blocks[4]));
        Assert.Equal(BlockRejection.None, buffer.Offer(blocks[6]));
        Assert.Equal(BlockRejection.Gap, buffer.Offer(blocks[7]));
        Assert.Equal(BlockRejection.Gap, buffer.Offer(blocks[11]));
        Assert.Equal(2, buffer.Count);
    }

    [Fact]
    public void The_count_bound_holds_and_nearer_blocks_displace_the_farthest()
    {
        using var chain = new TestChain(seed: 32);
        var blocks = chain.Extend(40);
        var buffer = new ReorderBuffer(0, window: 40, maxBlocks: 5, maxBytes: 1 << 20);
        foreach (var block in blocks.Skip(20).Take(10))
        {
            buffer.Offer(block);
            Assert.True(buffer.Count <= 5);
        }

        Assert.Equal(5, buffer.Count);
        Assert.Equal(BlockRejection.Overflow, buffer.Offer(blocks[35]));
        Assert.Equal(BlockRejection.None, buffer.Offer(blocks[3]));
        Assert.Equal(5, buffer.Count);
        Assert.Equal(1, buffer.Evicted);

        // The next block always finds room, so the buffer can never wedge.
        Assert.Equal(BlockRejection.None, buffer.Offer(blocks[0]));
        Assert.True(buffer.TryTakeNext(out var next));
        Assert.Equal(0UL, next.Number);
        Assert.True(buffer.Count <= 5);
    }

    [Fact]
    public void The_byte_bound_holds()
    {
        using var chain = new TestChain(seed: 33);
        var blocks = chain.Extend(50, entries: 4, entryBytes: 200);
        var maxBytes = blocks.Skip(1).Take(6).Sum(b => (long)b.Size);
        var buffer = new ReorderBuffer(0, window: 50, maxBlocks: 50, maxBytes: maxBytes);
        var random = new Random(3);
        foreach (var block in blocks.Skip(1).OrderBy(_ => random.Next()))
        {
            buffer.Offer(block);
            Assert.True(buffer.Bytes <= maxBytes);
        }

        Assert.True(buffer.Count >= 4);
        Assert.True(buffer.Evicted > 0);
    }

    [Fact]
    public void A_refused_next_block_can_be_replaced_by_another_copy()
    {
        using var chain = new TestChain();
        var blocks = chain.Extend(3);
        var buffer = new ReorderBuffer(0, window: 10, maxBlocks: 10, maxBytes: 1 << 20);
        buffer.Offer(blocks[0]);
        Assert.True(buffer.TryTakeNext(out _));

        Assert.Equal(0UL, buffer.Next);
        Assert.Equal(BlockRejection.None, buffer.Offer(blocks[0]));
        Assert.True(buffer.TryTakeNext(out var again));
        buffer.Advance();
        Assert.Equal(blocks[0].HeaderHash, again.HeaderHash);

        buffer.Offer(blocks[2]);
        buffer.SkipTo(3);
        Assert.Equal(0, buffer.Count);
        Assert.Equal(BlockRejection.Duplicate, buffer.Offer(blocks[2]));
    }
}
