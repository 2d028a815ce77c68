namespace K8sGossip.Kubernetes.Client;

/// <summary>Timeouts and retry limits of the API client.</summary>
public sealed record KubeClientOptions
{
    /// <summary>How long a TCP+TLS connect may take before the server counts as unreachable.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one non-watch request may take, per attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a throttled (429) or failed (5xx) idempotent request is retried.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First retry delay when the server gives no Retry-After; doubles per attempt.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Largest retry delay, including a server's Retry-After.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A watch that delivers nothing (not even a bookmark) for this long is considered hung and closed.</summary>
    public TimeSpan WatchIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The User-Agent header.</summary>
    public string UserAgent { get; set; } = "k8sgossip";

    /// <summary>Throws when a setting is out of range; the message names the setting.</summary>
    public void Validate()
    {
        Positive(ConnectTimeout, nameof(ConnectTimeout));
        Positive(RequestTimeout, nameof(RequestTimeout));
        Positive(RetryBaseDelay, nameof(RetryBaseDelay));
        Positive(WatchIdleTimeout, nameof(WatchIdleTimeout));
        if (RetryMaxDelay < RetryBaseDelay)
        {
            throw new ArgumentException($"KubeClientOptions.{nameof(RetryMaxDelay)} ({RetryMaxDelay}) must be at least {nameof(RetryBaseDelay)} ({RetryBaseDelay}).");
        }

        if (MaxRetries is < 0 or > 20)
        {
            throw new ArgumentException($"KubeClientOptions.{nameof(MaxRetries)} must be between 0 and 20, got {MaxRetries}.");
        }

        if (string.IsNullOrWhiteSpace(UserAgent))
        {
            throw new ArgumentException($"KubeClientOptions.{nameof(UserAgent)} must not be empty.");
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"KubeClientOptions.{name} must be positive, got {value}.");
        }
    }
}
