namespace K8sGossip.Operator.Local.Status;

/// <summary>A channel's dissemination latency over the recent window, with its chart history.</summary>
/// <param name="P50Ms">The median over the window; null when the window holds no sample.</param>
/// <param name="P99Ms">The 99th percentile over the window; null when the window holds no sample.</param>
/// <param name="History">One point per observation round, oldest first.</param>
internal sealed record LatencySummary(double? P50Ms, double? P99Ms, IReadOnlyList<LatencyPoint> History)
{
    /// <summary>A channel without any sample yet.</summary>
    public static LatencySummary Empty { get; } = new(null, null, []);
}
