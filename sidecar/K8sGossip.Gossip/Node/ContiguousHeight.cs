namespace K8sGossip.Gossip.Node;

/// <summary>The first sequence number not yet held, given items that arrive in any order: the ledger height a node
/// without a block layer reports.</summary>
/// <remarks>Not thread-safe: used under the node's gate.</remarks>
internal sealed class ContiguousHeight(ulong initial)
{
    private readonly HashSet<ulong> _ahead = [];

    /// <summary>The height: every item below it is held.</summary>
    public ulong Value { get; private set; } = initial;

    /// <summary>Records an item; true when the height moved.</summary>
    public bool Add(ulong seq)
    {
        if (seq < Value)
        {
            return false;
        }

        if (seq != Value)
        {
            _ahead.Add(seq);
            return false;
        }

        Value++;
        while (_ahead.Remove(Value))
        {
            Value++;
        }

        return true;
    }
}
