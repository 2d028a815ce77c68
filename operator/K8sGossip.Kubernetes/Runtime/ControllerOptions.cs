namespace K8sGossip.Kubernetes.Runtime;

/// <summary>Concurrency and retry settings of a controller.</summary>
public sealed record ControllerOptions
{
    /// <summary>The controller's name, used in logs.</summary>
    public string Name { get; init; } = "controller";

    /// <summary>How many keys are reconciled in parallel (never the same key twice at once).</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Retry pacing of failed reconciles.</summary>
    public WorkQueueOptions Queue { get; init; } = new();

    /// <summary>How long to wait for informer caches before giving up.</summary>
    public TimeSpan CacheSyncTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Throws when a setting is out of range; the message names the setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException($"ControllerOptions.{nameof(Name)} must not be empty.");
        }

        if (Workers is < 1 or > 256)
        {
            throw new ArgumentException($"ControllerOptions.{nameof(Workers)} must be between 1 and 256, got {Workers}.");
        }

        if (CacheSyncTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"ControllerOptions.{nameof(CacheSyncTimeout)} must be positive, got {CacheSyncTimeout}.");
        }

        Queue.Validate();
    }
}
