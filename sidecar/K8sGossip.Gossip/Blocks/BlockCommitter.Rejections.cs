namespace K8sGossip.Gossip.Blocks;

/// <summary>Refusals: counting, telling observers, and rate-limited logging.</summary>
public sealed partial class BlockCommitter
{
    /// <summary>Counts a refusal and logs it: the first of each reason at once, then at most once per interval with the
    /// running count, so a flood of bad blocks does not flood the log.</summary>
    private void Reject(BlockRejection reason, ulong seq, BlockOrigin source, string detail) =>
        Reject(reason, seq, source.ToString(), detail);

    private void Reject(BlockRejection reason, ulong seq, string source, string detail)
    {
        var count = Rejections.Increment(reason);
        NotifyRejected(reason, seq);
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastLogged[(int)reason]);
        if (count != 1 && _time.GetElapsedTime(last, now) < LogInterval)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _lastLogged[(int)reason], now, last) != last)
        {
            return;
        }

        if (reason is BlockRejection.Duplicate or BlockRejection.Gap or BlockRejection.Overflow)
        {
            Log.Skipped(_logger, Channel, seq, source, reason, detail, count);
        }
        else
        {
            Log.Refused(_logger, Channel, seq, source, reason, detail, count);
        }
    }

    private void NotifyRejected(BlockRejection reason, ulong seq)
    {
        try
        {
            Rejected?.Invoke(reason, seq);
        }
#pragma warning disable CA1031 // An observer's failure must not change how a block is handled; it is logged with its cause.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ObserverFailed(_logger, Channel, seq, ex);
        }
    }
}
