using Google.Protobuf;
using K8sGossip.Gossip.Protos;

namespace K8sGossip.Gossip.Dissemination;

/// <summary>
/// The data items a channel keeps for serving grafts and pulls, bounded by count AND bytes AND age.
/// When a bound is exceeded the oldest items (lowest sequence numbers) go first. Whether an item is new is
/// not the store's question (see <see cref="SeenWindow"/>): an item older than everything kept is simply not kept.
/// </summary>
/// <remarks>Not thread-safe: used under the node's gate.</remarks>
public sealed class MessageStore
{
    /// <summary>Bytes charged per item on top of its payload (entry, keys, message objects).</summary>
    public const int OverheadBytes = 160;

    private readonly SortedDictionary<ulong, StoredItem> _items = [];
    private readonly int _maxCount;
    private readonly long _maxBytes;
    private readonly long _maxAgeTicks;
    private readonly TimeProvider _time;

    /// <summary>Creates an empty store.</summary>
    public MessageStore(int maxCount, long maxBytes, TimeSpan maxAge, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        ArgumentNullException.ThrowIfNull(time);
        _maxCount = maxCount;
        _maxBytes = maxBytes;
        _maxAgeTicks = (long)(maxAge.TotalSeconds * time.TimestampFrequency);
        _time = time;
    }

    /// <summary>Items held.</summary>
    public int Count => _items.Count;

    /// <summary>Bytes charged for the items held (payload plus <see cref="OverheadBytes"/> each).</summary>
    public long Bytes { get; private set; }

    /// <summary>Items evicted so far.</summary>
    public long Evictions { get; private set; }

    /// <summary>Sequence numbers held, in order.</summary>
    public IEnumerable<ulong> Sequences => _items.Keys;

    /// <summary>Whether the item is held.</summary>
    public bool Contains(ulong seq) => _items.ContainsKey(seq);

    /// <summary>The held item, if any.</summary>
    public bool TryGet(ulong seq, out StoredItem item) => _items.TryGetValue(seq, out item!);

    /// <summary>Adds an item and evicts to stay within the bounds; false when it was held already or is not kept
    /// (it is the oldest while a bound is exceeded).</summary>
    public bool TryAdd(ulong seq, ByteString data, uint hops, TraceContext? trace)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (_items.ContainsKey(seq))
        {
            return false;
        }

        var item = new StoredItem(seq, data, hops, trace, _time.GetTimestamp());
        _items.Add(seq, item);
        Bytes += item.ChargedBytes;
        EvictExpired();
        while (_items.Count > _maxCount || (Bytes > _maxBytes && _items.Count > 0))
        {
            EvictOldest();
        }

        return _items.ContainsKey(seq);
    }

    /// <summary>Evicts items older than the age bound; called on every add and periodically, so an idle
    /// channel's store empties.</summary>
    public void EvictExpired()
    {
        if (_items.Count == 0)
        {
            return; // an idle channel's store: enumerating even an empty sorted dictionary allocates
        }

        var cutoff = _time.GetTimestamp() - _maxAgeTicks;
        List<ulong>? expired = null;
        foreach (var (seq, item) in _items)
        {
            if (item.StoredAt <= cutoff)
            {
                (expired ??= []).Add(seq);
            }
        }

        foreach (var seq in expired ?? [])
        {
            Evict(seq);
        }
    }

    private void EvictOldest()
    {
        using var e = _items.Keys.GetEnumerator();
        if (e.MoveNext())
        {
            Evict(e.Current);
        }
    }

    private void Evict(ulong seq)
    {
        if (_items.Remove(seq, out var item))
        {
            Bytes -= item.ChargedBytes;
            Evictions++;
        }
    }
}
