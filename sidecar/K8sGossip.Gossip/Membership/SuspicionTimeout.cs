namespace K8sGossip.Gossip.Membership;

/// <summary>Lifeguard's suspicion timeout: long while one peer alone suspects, shrinking towards the minimum as
/// independent accusers confirm, so a real failure is declared quickly and a lone false accusation has time to be refuted.</summary>
internal static class SuspicionTimeout
{
    /// <summary>The minimum: multiplier × max(1, log10 n) × probe interval (memberlist's formula).</summary>
    public static TimeSpan Minimum(int clusterSize, double multiplier, TimeSpan probeInterval) =>
        probeInterval * (multiplier * Math.Max(1.0, Math.Log10(Math.Max(1, clusterSize))));

    /// <summary>The timeout after <paramref name="confirmations"/> independent confirmations (beyond the first
    /// accuser), falling from <paramref name="maximum"/> to <paramref name="minimum"/> as log(c+1)/log(k+1).</summary>
    public static TimeSpan After(int confirmations, int expectedConfirmations, TimeSpan minimum, TimeSpan maximum)
    {
        if (confirmations <= 0 || expectedConfirmations <= 0)
        {
            return confirmations > 0 ? minimum : maximum;
        }

        var fraction = Math.Log(confirmations + 1) / Math.Log(expectedConfirmations + 1);
        var timeout = maximum - ((maximum - minimum) * Math.Min(1.0, fraction));
        return timeout < minimum ? minimum : timeout;
    }
}
