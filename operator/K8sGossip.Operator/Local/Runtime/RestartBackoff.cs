namespace K8sGossip.Operator.Local.Runtime;

/// <summary>How long to wait before restarting a crashed node: exponential from <see cref="Initial"/> up to <see cref="Maximum"/>,
/// back to <see cref="Initial"/> once the node ran for <see cref="StableAfter"/>.</summary>
/// <remarks>Pure: the times are given, so the policy is tested without a clock. Not thread-safe; one per node.</remarks>
internal sealed class RestartBackoff(TimeSpan initial, TimeSpan maximum, TimeSpan stableAfter)
{
    private int _failures;

    /// <summary>The default policy: 0.5 s doubling to 10 s, reset after a stable minute.</summary>
    public RestartBackoff()
        : this(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1))
    {
    }

    /// <summary>The first delay.</summary>
    public TimeSpan Initial { get; } = initial;

    /// <summary>The longest delay.</summary>
    public TimeSpan Maximum { get; } = maximum;

    /// <summary>A run this long counts as stable and resets the delay.</summary>
    public TimeSpan StableAfter { get; } = stableAfter;

    /// <summary>The delay before restarting a node that started at <paramref name="startedAt"/> and exited at <paramref name="exitedAt"/>.</summary>
    public TimeSpan NextDelay(DateTimeOffset startedAt, DateTimeOffset exitedAt)
    {
        if (exitedAt - startedAt >= StableAfter)
        {
            _failures = 0;
        }

        var delay = Initial * Math.Pow(2, Math.Min(_failures, 30));
        _failures++;
        return delay > Maximum ? Maximum : delay;
    }
}
