namespace K8sGossip.Gossip.Dissemination;

/// <summary>
/// Which sequence numbers a channel already delivered: everything below a floor, plus the set above it. The floor
/// follows contiguous deliveries, so in the common case the set holds only the few items that arrived out of order.
/// A gap that stays open while more than <see cref="MaxTracked"/> later items arrive is given up (state transfer's
/// job), which keeps the memory bounded.
/// </summary>
/// <remarks>Not thread-safe: used under the node's gate.</remarks>
public sealed class SeenWindow
{
    /// <summary>Most sequence numbers tracked above the floor.</summary>
    public const int MaxTracked = 4096;

    private readonly HashSet<ulong> _above = [];

    /// <summary>Every sequence number below it counts as seen.</summary>
    public ulong Floor { get; private set; }

    /// <summary>Sequence numbers tracked above the floor.</summary>
    public int Tracked => _above.Count;

    /// <summary>Whether <paramref name="seq"/> was seen (or is below the floor).</summary>
    public bool Contains(ulong seq) => seq < Floor || _above.Contains(seq);

    /// <summary>Counts everything below <paramref name="height"/> as seen (the ledger holds it).</summary>
    public void RaiseFloor(ulong height)
    {
        if (height <= Floor)
        {
            return;
        }

        Floor = height;
        _above.RemoveWhere(s => s < height);
        while (_above.Remove(Floor))
        {
            Floor++;
        }
    }

    /// <summary>Records <paramref name="seq"/>; false when it was seen already.</summary>
    public bool Add(ulong seq)
    {
        if (Contains(seq) || !_above.Add(seq))
        {
            return false;
        }

        while (_above.Remove(Floor))
        {
            Floor++;
        }

        if (_above.Count > MaxTracked)
        {
            Floor = _above.Min();
            while (_above.Remove(Floor))
            {
                Floor++;
            }
        }

        return true;
    }
}
