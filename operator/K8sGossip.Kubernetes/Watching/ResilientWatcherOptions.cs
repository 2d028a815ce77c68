namespace K8sGossip.Kubernetes.Watching;

/// <summary>Reconnect behaviour of a <see cref="ResilientWatcher{T}"/>.</summary>
public sealed record ResilientWatcherOptions
{
    /// <summary>A label selector for the watched collection.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>A field selector for the watched collection.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Server-side lifetime of one watch request; the watcher reconnects afterwards.</summary>
    public int TimeoutSeconds { get; init; } = 300;

    /// <summary>First delay after a failed watch; doubles per consecutive failure.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Largest delay between reconnect attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws when a setting is out of range; the message names the setting.</summary>
    public void Validate()
    {
        if (TimeoutSeconds <= 0)
        {
            throw new ArgumentException($"ResilientWatcherOptions.{nameof(TimeoutSeconds)} must be positive, got {TimeoutSeconds}.");
        }

        if (InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff)
        {
            throw new ArgumentException($"ResilientWatcherOptions.{nameof(InitialBackoff)} must be positive and not above {nameof(MaxBackoff)}.");
        }
    }
}
