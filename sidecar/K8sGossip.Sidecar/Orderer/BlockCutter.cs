namespace K8sGossip.Sidecar.Orderer;

/// <summary>
/// Groups submitted envelopes into block payloads: a batch is cut when it reaches the message count or the
/// byte budget, or when its first envelope has waited for the batch timeout. Pure: the caller owns the
/// clock and the lock, and asks <see cref="CutIfDue"/> when its timer fires.
/// </summary>
public sealed class BlockCutter(BatchOptions options, TimeProvider time)
{
    private readonly List<byte[]> _pending = [];
    private long _pendingBytes;
    private long _firstPendingAt;

    /// <summary>Envelopes waiting for the next cut.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>When the pending batch must be cut at the latest, or null when nothing is pending.</summary>
    public DateTimeOffset? Deadline =>
        _pending.Count == 0 ? null : time.GetUtcNow() + (options.Timeout - time.GetElapsedTime(_firstPendingAt));

    /// <summary>Adds an envelope; returns the batches cut by it (zero, one, or two when an oversized envelope
    /// forces out the pending batch and then forms its own).</summary>
    public IReadOnlyList<IReadOnlyList<byte[]>> Add(byte[] envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var cuts = new List<IReadOnlyList<byte[]>>();
        if (envelope.LongLength >= options.MaxBytes)
        {
            if (_pending.Count > 0)
            {
                cuts.Add(Cut());
            }

            cuts.Add([envelope]);
            return cuts;
        }

        if (_pendingBytes + envelope.LongLength > options.MaxBytes)
        {
            cuts.Add(Cut());
        }

        if (_pending.Count == 0)
        {
            _firstPendingAt = time.GetTimestamp();
        }

        _pending.Add(envelope);
        _pendingBytes += envelope.LongLength;
        if (_pending.Count >= options.MaxMessages || _pendingBytes >= options.MaxBytes)
        {
            cuts.Add(Cut());
        }

        return cuts;
    }

    /// <summary>Cuts the pending batch if its first envelope has waited for the timeout.</summary>
    public IReadOnlyList<byte[]>? CutIfDue() =>
        _pending.Count > 0 && time.GetElapsedTime(_firstPendingAt) >= options.Timeout ? Cut() : null;

    private List<byte[]> Cut()
    {
        var batch = new List<byte[]>(_pending);
        _pending.Clear();
        _pendingBytes = 0;
        return batch;
    }
}
