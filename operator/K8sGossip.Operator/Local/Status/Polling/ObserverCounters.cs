namespace K8sGossip.Operator.Local.Status;

/// <summary>How often each kind of observation failed, so failures are counted even when their log lines are rate-limited.</summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class ObserverCounters
{
    private long _peerFailures;
    private long _ordererFailures;
    private long _malformedReplies;
    private long _streamFailures;
    private long _roundFailures;

    /// <summary>Peer local API calls that failed or timed out.</summary>
    public long PeerFailures => Interlocked.Read(ref _peerFailures);

    /// <summary>Orderer admin <c>/status</c> reads that failed or timed out.</summary>
    public long OrdererFailures => Interlocked.Read(ref _ordererFailures);

    /// <summary>Replies that arrived but could not be understood (bad JSON, wrong role, undecodable block).</summary>
    public long MalformedReplies => Interlocked.Read(ref _malformedReplies);

    /// <summary>Block streams that ended with an error.</summary>
    public long StreamFailures => Interlocked.Read(ref _streamFailures);

    /// <summary>Rounds (or update handlers) that failed unexpectedly.</summary>
    public long RoundFailures => Interlocked.Read(ref _roundFailures);

    /// <summary>Counts a failed peer call.</summary>
    public void PeerFailed() => Interlocked.Increment(ref _peerFailures);

    /// <summary>Counts a failed orderer read.</summary>
    public void OrdererFailed() => Interlocked.Increment(ref _ordererFailures);

    /// <summary>Counts a malformed reply.</summary>
    public void Malformed() => Interlocked.Increment(ref _malformedReplies);

    /// <summary>Counts a failed block stream.</summary>
    public void StreamFailed() => Interlocked.Increment(ref _streamFailures);

    /// <summary>Counts a failed round.</summary>
    public void RoundFailed() => Interlocked.Increment(ref _roundFailures);
}
