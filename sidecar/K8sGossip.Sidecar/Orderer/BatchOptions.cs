namespace K8sGossip.Sidecar.Orderer;

/// <summary>When the solo orderer cuts a block: whichever of count, bytes or time is reached first.</summary>
public sealed record BatchOptions
{
    /// <summary>`k8sgossip.orderer.batch.maxMessages`: envelopes per block at most.</summary>
    public int MaxMessages { get; init; } = 500;

    /// <summary>`k8sgossip.orderer.batch.maxBytes`: payload bytes per block at most (an envelope larger than this
    /// is cut into a block of its own).</summary>
    public long MaxBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>`k8sgossip.orderer.batch.timeout`: how long the first pending envelope waits for company.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(200);
}
