namespace K8sGossip.Sidecar.Deliver;

/// <summary>How a <see cref="DeliverClient"/> retries and how many blocks it keeps in flight.</summary>
public sealed class DeliverClientOptions
{
    /// <summary>First reconnect delay after a failure; doubled per consecutive failure, with jitter. Default 100 ms.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest reconnect delay. Default 10 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Blocks handed to the committer but not yet durable, at most (clamped to the reorder window). The
    /// stream keeps reading while fewer are in flight, so catch-up never waits a round trip per batch. Default 128.</summary>
    public int MaxBlocksInFlight { get; set; } = 128;

    /// <summary>How long a source switch waits for already handed-over blocks to become durable, so the new stream
    /// starts exactly at the committed height. Default 10 s.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (InitialBackoff <= TimeSpan.Zero)
        {
            throw new ArgumentException($"DeliverClientOptions.InitialBackoff must be positive (was {InitialBackoff}).");
        }

        if (MaxBackoff < InitialBackoff)
        {
            throw new ArgumentException($"DeliverClientOptions.MaxBackoff ({MaxBackoff}) must be at least InitialBackoff ({InitialBackoff}).");
        }

        if (MaxBlocksInFlight <= 0)
        {
            throw new ArgumentException($"DeliverClientOptions.MaxBlocksInFlight must be positive (was {MaxBlocksInFlight}).");
        }

        if (DrainTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"DeliverClientOptions.DrainTimeout must be positive (was {DrainTimeout}).");
        }
    }
}
