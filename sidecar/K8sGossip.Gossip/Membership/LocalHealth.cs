namespace K8sGossip.Gossip.Membership;

/// <summary>
/// Lifeguard's local-health awareness: a score that rises when this node shows signs of its own trouble (its probes
/// fail and the expected nacks do not come back, or others suspect it) and falls with each successful probe. Probe
/// timeouts and intervals are stretched by (score + 1), so a starved node waits longer instead of accusing others.
/// </summary>
internal sealed class LocalHealth(int maxScore)
{
    public int Score { get; private set; }

    public void Worse()
    {
        if (Score < maxScore)
        {
            Score++;
        }
    }

    public void Better()
    {
        if (Score > 0)
        {
            Score--;
        }
    }

    public TimeSpan Scale(TimeSpan value) => value * (Score + 1);
}
