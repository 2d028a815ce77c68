namespace K8sGossip.Operator.Local.Dashboard;

/// <summary>Settings of the local web dashboard.</summary>
public sealed class DashboardOptions
{
    /// <summary>The TCP port on 127.0.0.1; 0 picks any free port.</summary>
    public int Port { get; init; }

    /// <summary>How often <c>/api/events</c> sends a snapshot to each open page.</summary>
    public TimeSpan UpdateInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many pages may hold an event stream at once; more get 503 and fall back to polling.</summary>
    public int MaxEventStreams { get; init; } = 32;

    /// <summary>The network's name for the page's header, when known.</summary>
    public string? NetworkName { get; init; }

    /// <summary>The state directory for the page's header, when known.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>The clock that paces the event stream.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Throws with a message naming the setting when a value cannot work.</summary>
    internal void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"The dashboard port (--dashboard-port) must be 0 for any free port or 1-65535; it is {Port}.", nameof(Port));
        }

        if (UpdateInterval <= TimeSpan.Zero || UpdateInterval > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException($"The dashboard update interval (UpdateInterval) must be above zero and at most one minute; it is {UpdateInterval}.", nameof(UpdateInterval));
        }

        if (MaxEventStreams < 1)
        {
            throw new ArgumentException($"The dashboard's event stream limit (MaxEventStreams) must be at least 1; it is {MaxEventStreams}.", nameof(MaxEventStreams));
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
