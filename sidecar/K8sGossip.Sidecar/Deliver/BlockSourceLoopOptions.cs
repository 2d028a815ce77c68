namespace K8sGossip.Sidecar.Deliver;

/// <summary>Settings of the adaptive block-source loop.</summary>
public sealed class BlockSourceLoopOptions
{
    /// <summary>Blocks behind the orderer beyond which a peer streams from an org peer instead. Default 100.</summary>
    public ulong Threshold { get; set; } = 100;

    /// <summary>How often the decision is evaluated again (also at once after a source error). Default 1 s.</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the orderer's height is probed while streaming from a peer. Default 2 s.</summary>
    public TimeSpan OrdererProbeInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Time allowed for one orderer height probe. Default 5 s.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a peer that failed as a source is not chosen again. Default 30 s.</summary>
    public TimeSpan FailedPeerMemory { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Require(EvaluationInterval > TimeSpan.Zero, nameof(EvaluationInterval), EvaluationInterval);
        Require(OrdererProbeInterval > TimeSpan.Zero, nameof(OrdererProbeInterval), OrdererProbeInterval);
        Require(ProbeTimeout > TimeSpan.Zero, nameof(ProbeTimeout), ProbeTimeout);
        Require(FailedPeerMemory >= TimeSpan.Zero, nameof(FailedPeerMemory), FailedPeerMemory);
    }

    private static void Require(bool condition, string setting, TimeSpan value)
    {
        if (!condition)
        {
            throw new ArgumentException($"BlockSourceLoopOptions.{setting} must be positive (was {value}).");
        }
    }
}
