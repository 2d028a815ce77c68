namespace K8sGossip.Gossip.Channels;

/// <summary>Timing of the channel layer: StateInfo publication and pull.</summary>
public sealed class ChannelOptions
{
    /// <summary>Least time between two StateInfo publications caused by height changes (each costs one
    /// signature here and one verification at every channel peer). Leader and left-channel changes are
    /// published at once. Default 1 s; Fabric publishes every 4 s.</summary>
    public TimeSpan StateInfoMinInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often StateInfo is pulled from a few channel peers (repairs lost publications and
    /// teaches a newcomer every height at once). Default 5 s; Fabric: 4 s.</summary>
    public TimeSpan StateInfoPullInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Delay of the first StateInfo pull after joining. Default 100 ms.</summary>
    public TimeSpan StateInfoFirstPull { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Peers asked per StateInfo pull. Default 3.</summary>
    public int StateInfoPullPeers { get; set; } = 3;

    /// <summary>Most StateInfo elements sent in one snapshot. Default 10,000.</summary>
    public int MaxSnapshotElements { get; set; } = 10_000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad setting.</summary>
    public void Validate()
    {
        if (StateInfoMinInterval < TimeSpan.Zero)
        {
            throw new ArgumentException($"channels.stateInfoMinInterval must not be negative, got {StateInfoMinInterval}.");
        }

        if (StateInfoPullInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"channels.stateInfoPullInterval must be positive, got {StateInfoPullInterval}.");
        }

        if (StateInfoFirstPull < TimeSpan.Zero)
        {
            throw new ArgumentException($"channels.stateInfoFirstPull must not be negative, got {StateInfoFirstPull}.");
        }

        if (StateInfoPullPeers < 1)
        {
            throw new ArgumentException($"channels.stateInfoPullPeers must be at least 1, got {StateInfoPullPeers}.");
        }

        if (MaxSnapshotElements < 1)
        {
            throw new ArgumentException($"channels.maxSnapshotElements must be at least 1, got {MaxSnapshotElements}.");
        }
    }
}
