using K8sGossip.Kubernetes.Watching;

namespace K8sGossip.Kubernetes.Runtime;

/// <summary>What an informer watches and how often it re-delivers its cache.</summary>
public sealed record InformerOptions
{
    /// <summary>The namespace to watch; all namespaces when null.</summary>
    public string? Namespace { get; init; }

    /// <summary>A label selector.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>A field selector.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Re-deliver every cached object as an update this often, so missed work is redone; none when null.</summary>
    public TimeSpan? ResyncPeriod { get; init; }

    /// <summary>Page size of the initial list and relists.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>Server-side lifetime of each watch request.</summary>
    public int WatchTimeoutSeconds { get; init; } = 300;

    /// <summary>First delay after a failed list or watch; doubles per consecutive failure.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Largest delay after failures.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws when a setting is out of range; the message names the setting.</summary>
    public void Validate()
    {
        if (ResyncPeriod is { } resync && resync <= TimeSpan.Zero)
        {
            throw new ArgumentException($"InformerOptions.{nameof(ResyncPeriod)} must be positive when set, got {resync}.");
        }

        if (PageSize < 1)
        {
            throw new ArgumentException($"InformerOptions.{nameof(PageSize)} must be at least 1, got {PageSize}.");
        }

        WatcherOptions().Validate();
    }

    internal ResilientWatcherOptions WatcherOptions() => new()
    {
        LabelSelector = LabelSelector,
        FieldSelector = FieldSelector,
        TimeoutSeconds = WatchTimeoutSeconds,
        InitialBackoff = InitialBackoff,
        MaxBackoff = MaxBackoff,
    };
}
