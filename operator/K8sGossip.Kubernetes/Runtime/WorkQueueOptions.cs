namespace K8sGossip.Kubernetes.Runtime;

/// <summary>Retry pacing of a work queue; defaults are client-go's.</summary>
public sealed record WorkQueueOptions
{
    /// <summary>Per-item delay after the first failure.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Per-item delay cap.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(1000);

    /// <summary>Overall retry rate.</summary>
    public double RetriesPerSecond { get; init; } = 10;

    /// <summary>Overall retry burst.</summary>
    public int RetryBurst { get; init; } = 100;

    /// <summary>Throws when a setting is out of range; the message names the setting.</summary>
    public void Validate()
    {
        if (BaseDelay <= TimeSpan.Zero)
        {
            throw new ArgumentException($"WorkQueueOptions.{nameof(BaseDelay)} must be positive, got {BaseDelay}.");
        }

        if (MaxDelay < BaseDelay)
        {
            throw new ArgumentException($"WorkQueueOptions.{nameof(MaxDelay)} ({MaxDelay}) must be at least {nameof(BaseDelay)} ({BaseDelay}).");
        }

        if (RetriesPerSecond <= 0 || RetryBurst < 1)
        {
            throw new ArgumentException($"WorkQueueOptions.{nameof(RetriesPerSecond)} must be positive and {nameof(RetryBurst)} at least 1.");
        }
    }
}
