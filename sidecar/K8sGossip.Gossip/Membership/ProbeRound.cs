using K8sGossip.Gossip.Identity;

namespace K8sGossip.Gossip.Membership;

/// <summary>One SWIM probe in progress: our own (direct, then indirect) or one we run for another peer.</summary>
internal sealed class ProbeRound(ulong id, PkiId target)
{
    public ulong Id { get; } = id;

    public PkiId Target { get; } = target;

    /// <summary>The incarnation and sequence of the target when the probe started; a failure accuses exactly that alive.</summary>
    public ulong TargetIncarnation { get; init; }

    public ulong TargetSequence { get; init; }

    /// <summary>Set when we probe for another peer: who asked, and the id it used.</summary>
    public PkiId Requester { get; init; }

    public ulong RequesterProbeId { get; init; }

    public bool OnBehalf => !Requester.IsEmpty;

    public bool Done { get; set; }

    public int NacksExpected { get; set; }

    public int NacksReceived { get; set; }

    public IDisposable? Timer { get; set; }
}
