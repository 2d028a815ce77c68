namespace K8sGossip.Gossip.Simulation;

/// <summary>How a simulated link behaves: one-way delay, uniform jitter on top, independent frame loss, whether
/// frames of one connection may overtake each other, and an optional bandwidth limit per connection direction.</summary>
/// <param name="BaseDelay">Minimum one-way delay.</param>
/// <param name="Jitter">Extra delay, uniform in [0, Jitter).</param>
/// <param name="LossProbability">Chance each frame is lost, in [0, 1).</param>
/// <param name="Reorder">When false (the default), a connection delivers in send order like TCP.</param>
/// <param name="BandwidthBytesPerSecond">When set, frames are serialized at this rate per connection direction.</param>
public sealed record LinkOptions(
    TimeSpan BaseDelay,
    TimeSpan Jitter,
    double LossProbability = 0,
    bool Reorder = false,
    long? BandwidthBytesPerSecond = null)
{
    /// <summary>A Kubernetes pod network inside one zone: 1 ms ± 0.5 ms, no loss.</summary>
    public static LinkOptions Default { get; } = new(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(0.5));

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (BaseDelay < TimeSpan.Zero || Jitter < TimeSpan.Zero)
        {
            throw new ArgumentException("BaseDelay and Jitter must not be negative.", nameof(BaseDelay));
        }

        if (LossProbability is < 0 or >= 1 || double.IsNaN(LossProbability))
        {
            throw new ArgumentException("LossProbability must be in [0, 1).", nameof(LossProbability));
        }

        if (BandwidthBytesPerSecond is <= 0)
        {
            throw new ArgumentException("BandwidthBytesPerSecond must be positive when set.", nameof(BandwidthBytesPerSecond));
        }
    }
}
