namespace K8sGossip.Gossip.Blocks;

/// <summary>
/// Holds blocks that arrived ahead of the next one to commit (from push, pull or state transfer) and gives them
/// back strictly in order. Bounded by a window (how far ahead), a block count and a byte count. When full, a block
/// nearer to the commit point displaces the farthest one, since near blocks unblock commits and far ones will be
/// fetched again. Not thread-safe: owned by one commit loop.
/// </summary>
public sealed class ReorderBuffer
{
    private readonly Dictionary<ulong, EncodedBlock> _blocks = [];
    private readonly SortedSet<ulong> _numbers = [];
    private readonly int _window;
    private readonly int _maxBlocks;
    private readonly long _maxBytes;

    /// <summary>Creates an empty buffer whose next block to release is <paramref name="next"/>.</summary>
    public ReorderBuffer(ulong next, int window, int maxBlocks, long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBlocks);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        Next = next;
        _window = window;
        _maxBlocks = maxBlocks;
        _maxBytes = maxBytes;
    }

    /// <summary>Creates a buffer with the limits of <paramref name="options"/>.</summary>
    public ReorderBuffer(ulong next, BlockOptions options)
        : this(next, (options ?? throw new ArgumentNullException(nameof(options))).ReorderWindow, options.ReorderMaxBlocks, options.ReorderMaxBytes)
    {
    }

    /// <summary>The number of the next block to release (the committed height as far as this buffer knows).</summary>
    public ulong Next { get; private set; }

    /// <summary>Blocks waiting.</summary>
    public int Count => _blocks.Count;

    /// <summary>Bytes waiting.</summary>
    public long Bytes { get; private set; }

    /// <summary>Blocks displaced by nearer ones since creation (each was accepted once and is gone now).</summary>
    public long Evicted { get; private set; }

    /// <summary>Whether block <paramref name="number"/> is already waiting.</summary>
    public bool IsWaiting(ulong number) => _blocks.ContainsKey(number);

    /// <summary>Offers a verified block. Refuses blocks below <see cref="Next"/> or already waiting
    /// (<see cref="BlockRejection.Duplicate"/>), at or beyond <see cref="Next"/> + window
    /// (<see cref="BlockRejection.Gap"/>), and blocks that do not fit and are not nearer than any waiting one
    /// (<see cref="BlockRejection.Overflow"/>).</summary>
    public BlockRejection Offer(EncodedBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var number = block.Number;
        if (number < Next || _blocks.ContainsKey(number))
        {
            return BlockRejection.Duplicate;
        }

        if (number - Next >= (ulong)_window)
        {
            return BlockRejection.Gap;
        }

        if (block.Size > _maxBytes)
        {
            return BlockRejection.Overflow;
        }

        while (_blocks.Count + 1 > _maxBlocks || Bytes + block.Size > _maxBytes)
        {
            if (_numbers.Count == 0 || _numbers.Max < number)
            {
                return BlockRejection.Overflow;
            }

            Remove(_numbers.Max);
            Evicted++;
        }

        _blocks.Add(number, block);
        _numbers.Add(number);
        Bytes += block.Size;
        return BlockRejection.None;
    }

    /// <summary>Takes the block numbered <see cref="Next"/> if it is waiting. <see cref="Next"/> does not move until
    /// the caller accepts it with <see cref="Advance"/>, so a block the caller refuses (a broken link) can be replaced
    /// by another copy.</summary>
    public bool TryTakeNext(out EncodedBlock block)
    {
        if (_blocks.TryGetValue(Next, out var found))
        {
            Remove(Next);
            block = found;
            return true;
        }

        block = null!;
        return false;
    }

    /// <summary>Marks block <see cref="Next"/> as committed.</summary>
    public void Advance() => Next++;

    /// <summary>Moves the commit point to <paramref name="next"/> (when blocks were committed by another path),
    /// dropping whatever waits below it.</summary>
    public void SkipTo(ulong next)
    {
        if (next <= Next)
        {
            return;
        }

        Next = next;
        while (_numbers.Count > 0 && _numbers.Min < next)
        {
            Remove(_numbers.Min);
        }
    }

    private void Remove(ulong number)
    {
        if (_blocks.Remove(number, out var block))
        {
            _numbers.Remove(number);
            Bytes -= block.Size;
        }
    }
}
