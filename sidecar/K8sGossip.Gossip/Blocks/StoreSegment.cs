namespace K8sGossip.Gossip.Blocks;

/// <summary>The in-memory index of one segment file: where each of its records starts and how long it is.
/// Rebuilt from the file on open; guarded by the store's index lock.</summary>
internal sealed class StoreSegment(string path, ulong firstNumber)
{
    private readonly List<long> _offsets = [];
    private readonly List<int> _lengths = [];

    /// <summary>Full path of the segment file.</summary>
    public string Path { get; } = path;

    /// <summary>Number of the segment's first block.</summary>
    public ulong FirstNumber { get; } = firstNumber;

    /// <summary>Bytes of the file that hold the header and valid records; appends go here.</summary>
    public long Size { get; set; } = SegmentFormat.HeaderSize;

    /// <summary>Records indexed.</summary>
    public int Count => _offsets.Count;

    /// <summary>One past the number of the last indexed block.</summary>
    public ulong EndNumber => FirstNumber + (ulong)Count;

    /// <summary>Indexes the next record.</summary>
    public void Add(long offset, int payloadLength)
    {
        _offsets.Add(offset);
        _lengths.Add(payloadLength);
    }

    /// <summary>Where the record of block <paramref name="number"/> starts and its payload length.</summary>
    public (long Offset, int Length) Locate(ulong number)
    {
        var index = checked((int)(number - FirstNumber));
        return (_offsets[index], _lengths[index]);
    }

    /// <summary>Forgets the records from index <paramref name="count"/> on.</summary>
    public void TrimTo(int count)
    {
        _offsets.RemoveRange(count, _offsets.Count - count);
        _lengths.RemoveRange(count, _lengths.Count - count);
    }
}
