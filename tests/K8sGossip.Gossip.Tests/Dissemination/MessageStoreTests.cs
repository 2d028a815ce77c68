using Google.Protobuf;
using K8sGossip.Gossip.Dissemination;
using K8sGossip.Gossip.Simulation;

namespace K8sGossip.Gossip.Tests.Dissemination;

public sealed class MessageStoreTests
{
    private readonly VirtualTimeProvider _time = new();

    private static ByteString Bytes(int length) => ByteString.CopyFrom(new byte[length]);

    [Fact]
    public void Count_bound_evicts_the_oldest_items()
    {
        var store = new MessageStore(maxCount: 3, maxBytes: long.MaxValue, TimeSpan.FromHours(1), _time);
        for (ulong seq = 1; seq <= 5; seq++)
        {
            Assert.True(store.TryAdd(seq, Bytes(10), 0, null));
        }

        Assert.Equal(3, store.Count);
        Assert.Equal([3UL, 4UL, 5UL], store.Sequences);
        Assert.Equal(2, store.Evictions);
    }

    [Fact]
    public void Byte_bound_holds_after_every_add()
    {
        const long maxBytes = 10_000;
        var store = new MessageStore(maxCount: 1000, maxBytes, TimeSpan.FromHours(1), _time);
        var random = new Random(7);
        for (ulong seq = 1; seq <= 200; seq++)
        {
            store.TryAdd(seq, Bytes(random.Next(1, 3000)), 0, null);
            Assert.True(store.Bytes <= maxBytes, $"{store.Bytes} bytes after item {seq}");
        }

        Assert.Equal(store.Sequences.Count() * MessageStore.OverheadBytes + store.Sequences.Sum(s => store.TryGet(s, out var i) ? i.Data.Length : 0), store.Bytes);
        Assert.Contains(200UL, store.Sequences);
    }

    [Fact]
    public void Items_expire_by_age_even_when_the_channel_is_idle()
    {
        var store = new MessageStore(maxCount: 100, maxBytes: long.MaxValue, TimeSpan.FromSeconds(10), _time);
        store.TryAdd(1, Bytes(100), 0, null);
        _time.Advance(TimeSpan.FromSeconds(6));
        store.TryAdd(2, Bytes(100), 0, null);
        _time.Advance(TimeSpan.FromSeconds(5));

        store.EvictExpired();

        Assert.Equal([2UL], store.Sequences);
        _time.Advance(TimeSpan.FromSeconds(6));
        store.EvictExpired();
        Assert.Equal(0, store.Count);
        Assert.Equal(0, store.Bytes);
    }

    [Fact]
    public void An_item_older_than_everything_kept_is_not_kept_while_the_store_is_full()
    {
        var store = new MessageStore(maxCount: 2, maxBytes: long.MaxValue, TimeSpan.FromHours(1), _time);
        store.TryAdd(2, Bytes(1), 0, null);
        store.TryAdd(3, Bytes(1), 0, null);

        Assert.False(store.TryAdd(1, Bytes(1), 0, null));
        Assert.False(store.TryAdd(3, Bytes(1), 0, null));
        Assert.Equal([2UL, 3UL], store.Sequences);
    }

    [Fact]
    public void An_item_larger_than_the_byte_bound_is_not_kept()
    {
        var store = new MessageStore(maxCount: 10, maxBytes: 1000, TimeSpan.FromHours(1), _time);
        store.TryAdd(1, Bytes(100), 0, null);

        Assert.False(store.TryAdd(2, Bytes(5000), 0, null));
        Assert.Equal(0, store.Count);
        Assert.Equal(0, store.Bytes);
    }
}
