namespace K8sGossip.Operator.Local.Status;

/// <summary>Percentiles by the nearest-rank method: always one of the samples, never an interpolation.</summary>
internal static class Percentiles
{
    /// <summary>The <paramref name="quantile"/> (0 &lt; q ≤ 1) of <paramref name="sorted"/>, which must be sorted ascending and not empty.</summary>
    public static double NearestRank(IReadOnlyList<double> sorted, double quantile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1.0);
        var rank = (int)Math.Ceiling(quantile * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
