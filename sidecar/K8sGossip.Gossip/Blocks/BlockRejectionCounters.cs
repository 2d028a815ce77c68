namespace K8sGossip.Gossip.Blocks;

/// <summary>How many blocks were refused, by reason; safe to read and increment from any thread.</summary>
public sealed class BlockRejectionCounters
{
    private readonly long[] _counts = new long[Enum.GetValues<BlockRejection>().Length];

    /// <summary>Blocks refused for <paramref name="reason"/>.</summary>
    public long this[BlockRejection reason] => Interlocked.Read(ref _counts[(int)reason]);

    /// <summary>Blocks refused for any reason.</summary>
    public long Total
    {
        get
        {
            long total = 0;
            for (var i = 1; i < _counts.Length; i++)
            {
                total += Interlocked.Read(ref _counts[i]);
            }

            return total;
        }
    }

    /// <summary>Counts one refusal; returns the new count for that reason.</summary>
    public long Increment(BlockRejection reason) => Add(reason, 1);

    /// <summary>Counts <paramref name="count"/> refusals; returns the new count for that reason.</summary>
    public long Add(BlockRejection reason, long count)
    {
        if (reason == BlockRejection.None)
        {
            throw new ArgumentException("An accepted block is not a refusal.", nameof(reason));
        }

        return Interlocked.Add(ref _counts[(int)reason], count);
    }

    /// <summary>The non-zero counts.</summary>
    public IReadOnlyDictionary<BlockRejection, long> Snapshot()
    {
        var snapshot = new Dictionary<BlockRejection, long>();
        foreach (var reason in Enum.GetValues<BlockRejection>())
        {
            var count = reason == BlockRejection.None ? 0 : this[reason];
            if (count > 0)
            {
                snapshot[reason] = count;
            }
        }

        return snapshot;
    }
}
